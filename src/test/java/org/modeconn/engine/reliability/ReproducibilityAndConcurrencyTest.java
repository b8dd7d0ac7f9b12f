package org.modeconn.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.ensemble.FastGeometricEnsembling;
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;

/**
 * The same seed and data give bit-identical networks, curves, ensembles and tables, also across a save
 * and load of the files in between; and operations running at once in one JVM (as KNIME runs independent
 * nodes) give the same results as run alone.
 */
class ReproducibilityAndConcurrencyTest {

    private static Dataset train;

    private static Dataset test;

    private static Network a;

    private static Network b;

    @BeforeAll
    static void endpoints() {
        train = EmbeddedMnist.train().head(600);
        test = EmbeddedMnist.test().head(200);
        a = endpoint(1);
        b = endpoint(2);
    }

    private static Network endpoint(final long seed) {
        return EndpointTrainer.train(ArchitectureParser.parse("mlpbn:32"), train, test, new TrainingSettings(3, 64,
            SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), seed, FeatureScaling.Mode.AUTO, 2), 2,
            TrainingMonitor.NONE).network();
    }

    private static CurveModel fit(final Network start, final Network end) {
        return CurveFitter.fit(start, end, train, new CurveFitSettings(CurveType.BEZIER, 3, true, true, 1, 64,
            new SgdSettings(0.015, 0.9, false, 5e-4), new LearningRateSchedule.Reference(), 4), TrainingMonitor.NONE)
            .curve();
    }

    private static EnsembleModel fge(final Network start) {
        return FastGeometricEnsembling.run(start, train, test, new FgeSettings(2, 0, 6, 0.05, 0.0005, 0.9, 5e-4, 64, 5),
            TrainingMonitor.NONE).ensemble();
    }

    /** The evaluation's figures (everything but its wall-clock time). */
    private static List<Object> evaluate(final CurveModel c) {
        CurveEvaluation e = CurveEvaluator.evaluate(c, train, test, 5, 1, true, TrainingMonitor.NONE);
        return List.of(e.curve(), e.line(), e.ensembleTestError(), e.endpointsEnsembleTestError());
    }

    @Test
    void theSameSeedGivesTheSameModelsAndTablesAcrossSaveAndLoad(@TempDir final Path dir) {
        assertThat(endpoint(1).parametersView()).containsExactly(a.parametersView());
        assertThat(endpoint(1).momentum().orElseThrow()).containsExactly(a.momentum().orElseThrow());

        NetworkFile.write(a, dir.resolve("a.net"));
        NetworkFile.write(b, dir.resolve("b.net"));
        Network loadedA = NetworkFile.read(dir.resolve("a.net"));
        Network loadedB = NetworkFile.read(dir.resolve("b.net"));
        CurveModel inMemory = fit(a, b);
        CurveModel fromFiles = fit(loadedA, loadedB);
        for (int i = 0; i < 3; i++) {
            assertThat(fromFiles.bendView(i)).containsExactly(inMemory.bendView(i));
        }
        CurveFile.write(inMemory, dir.resolve("c.curve"));
        CurveModel loadedCurve = CurveFile.read(dir.resolve("c.curve"));
        assertThat(evaluate(loadedCurve)).isEqualTo(evaluate(inMemory));

        EnsembleModel e1 = fge(a);
        EnsembleModel e2 = fge(loadedA);
        assertThat(e2.size()).isEqualTo(e1.size()).isGreaterThan(1);
        EnsembleFile.write(e1, dir.resolve("e.ens"));
        EnsembleModel loadedEnsemble = EnsembleFile.read(dir.resolve("e.ens"));
        for (int i = 0; i < e1.size(); i++) {
            assertThat(e2.memberView(i)).containsExactly(e1.memberView(i));
            assertThat(loadedEnsemble.memberView(i)).containsExactly(e1.memberView(i));
        }

        PlaneSettings plane = new PlaneSettings(3, 0.2, 0, 5, 1);
        PlaneResult p1 = PlaneSlicer.slice(inMemory, train, test, plane, TrainingMonitor.NONE);
        PlaneResult p2 = PlaneSlicer.slice(loadedCurve, train, test, plane, TrainingMonitor.NONE);
        assertThat(p2.trainLoss()).isDeepEqualTo(p1.trainLoss());
        assertThat(p2.testError()).isDeepEqualTo(p1.testError());
    }

    @Test
    void operationsRunningAtOnceGiveTheSameResultsAsAlone() throws Exception {
        Network third = endpoint(3);
        CurveModel curve = fit(a, b);
        List<Object> evaluation = evaluate(curve);
        EnsembleModel ensemble = fge(b);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> runs = pool.invokeAll(List.<Callable<Object>>of(() -> endpoint(3), () -> fit(a, b),
                () -> evaluate(curve), () -> fge(b)));
            Network thirdAgain = (Network)runs.get(0).get();
            CurveModel curveAgain = (CurveModel)runs.get(1).get();
            assertThat(thirdAgain.parametersView()).containsExactly(third.parametersView());
            for (int i = 0; i < 3; i++) {
                assertThat(curveAgain.bendView(i)).containsExactly(curve.bendView(i));
            }
            assertThat(runs.get(2).get()).isEqualTo(evaluation);
            EnsembleModel ensembleAgain = (EnsembleModel)runs.get(3).get();
            for (int i = 0; i < ensemble.size(); i++) {
                assertThat(ensembleAgain.memberView(i)).containsExactly(ensemble.memberView(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
