package org.modeconn.engine.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;

class FgeTest {

    @TempDir
    Path dir;

    @Test
    void snapshotsAreTakenInTheMiddleOfEachCycle() {
        FgeSettings epochs = new FgeSettings(4, 2, 0, 0.05, 0.0005, 0.9, 0, 128, 1);
        List<String> at = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            for (int b = 0; b < 10; b++) {
                if (epochs.snapshotAfterBatch(e, b, 10)) {
                    at.add(e + ":" + b);
                }
            }
        }
        // the reference: after epochs 1 and 3 (1-based), where the rate has come down to α2
        assertThat(at).containsExactly("0:9", "2:9");
        FgeSettings iterations = new FgeSettings(2, 0, 6, 0.05, 0.0005, 0.9, 0, 128, 1);
        List<Long> its = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            for (int b = 0; b < 10; b++) {
                if (iterations.snapshotAfterBatch(e, b, 10)) {
                    its.add((long) e * 10 + b + 1);
                }
            }
        }
        assertThat(its).containsExactly(3L, 9L, 15L);
        // the rate of the step before each snapshot is the lowest of its cycle so far
        LearningRateSchedule s = iterations.schedule();
        assertThat(s.rate(0, 0, 2, 10, 2)).isLessThan(s.rate(0, 0, 1, 10, 2));
        assertThat(s.rate(0, 0, 3, 10, 2)).isCloseTo(0.0005, within(1e-12));
    }

    @Test
    void refusesCyclesThatTakeNoSnapshot() {
        assertThatThrownBy(() -> new FgeSettings(2, 4, 0, 0.05, 0.0005, 0.9, 0, 128, 1))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("longer than the 2 epochs");
        assertThatThrownBy(() -> new FgeSettings(2, 1, 0, 0.05, 0.0005, 0.9, 0, 128, 1))
            .hasMessageContaining("no middle");
        assertThatThrownBy(() -> new FgeSettings(2, 2, 8, 0.05, 0.0005, 0.9, 0, 128, 1))
            .hasMessageContaining("not both");
    }

    @Test
    void theEnsembleAveragesSoftmaxOutputs() {
        Dataset three = new Dataset("h", new float[] {0, 0, 0}, 1, new int[] {0, 1, 1}, List.of("x"),
            List.of("a", "b"), null, false);
        BatchSource data = BatchSource.of(three, FeatureScaling.none(1));
        EnsembleAccumulator e = new EnsembleAccumulator(data);
        Metrics first = e.add(new float[] {0.9f, 0.1f, 0.6f, 0.4f, 0.2f, 0.8f});
        assertThat(first.errorPercent()).isCloseTo(100.0 / 3, within(1e-9));
        e.add(new float[] {0.7f, 0.3f, 0.2f, 0.8f, 0.6f, 0.4f});
        assertThat(e.meanProbabilities()).containsExactly(new float[] {0.8f, 0.2f, 0.4f, 0.6f, 0.4f, 0.6f},
            within(1e-6f));
        Metrics both = e.metrics();
        assertThat(both.errorPercent()).isZero();
        assertThat(both.loss()).isCloseTo(-(Math.log(0.8) + Math.log(0.6) + Math.log(0.6)) / 3, within(1e-6));
    }

    @Test
    void fgeOnMnistBeatsItsStartNetwork() {
        Dataset train = EmbeddedMnist.train().sample(3000, 8);
        Dataset test = EmbeddedMnist.test();
        TrainingResult trained = EndpointTrainer.train(ArchitectureParser.parse("mlp:256"), train, null,
            new TrainingSettings(12, 64, SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), 1,
                FeatureScaling.Mode.AUTO, 12), TrainingMonitor.NONE);
        Network start = trained.checkpoint().orElseThrow();
        assertThat(start.parametersView()).containsExactly(trained.network().parametersView());
        FgeSettings s = new FgeSettings(6, 0, 24, 0.1, 0.0005, 0.9, 5e-4, 64, 1);
        EnsembleRunResult r = FastGeometricEnsembling.run(start, train, test, s, TrainingMonitor.NONE);
        int iterations = 6 * 47;
        assertThat(r.snapshots()).hasSize((iterations - 12) / 24 + 1);
        assertThat(r.iterations()).hasSize(iterations);
        assertThat(r.iterations().get(iterations - 1).distance()).isGreaterThan(0);
        assertThat(r.ensembleTestError()).isLessThan(r.start().errorPercent());
        SnapshotRecord last = r.snapshots().get(r.snapshots().size() - 1);
        assertThat(last.ensembleTestErrorPercent()).isLessThanOrEqualTo(
            r.snapshots().stream().mapToDouble(SnapshotRecord::testErrorPercent).average().orElseThrow());

        // SWA from the same run: the mean of the snapshots' weights, measured on the test data as the network it
        // is, and better than the start network.
        Network swa = r.swa();
        float[] mean = new float[swa.parametersView().length];
        for (int m = 0; m < r.ensemble().size(); m++) {
            float[] member = r.ensemble().memberView(m);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += member[i] / r.ensemble().size();
            }
        }
        assertThat(swa.parametersView()).containsExactly(mean, within(1e-5f));
        Predictor.Predictions predicted = Predictor.predict(swa, test);
        int wrong = 0;
        for (int i = 0; i < test.numExamples(); i++) {
            wrong += predicted.classNames().get(predicted.predicted()[i]).equals(test.classNames().get(test.labels()[i]))
                ? 0 : 1;
        }
        assertThat(r.swaTestError()).isCloseTo(100.0 * wrong / test.numExamples(), within(1e-9))
            .isLessThan(r.start().errorPercent());
        assertThat(r.snapshots().get(0).swaTestErrorPercent()).isEqualTo(r.snapshots().get(0).testErrorPercent());
        assertThat(swa.provenance().orElseThrow().settings(FgeSettings.class)).contains(s);

        Path f = dir.resolve("e.ens");
        EnsembleFile.write(r.ensemble(), f);
        EnsembleModel back = EnsembleFile.read(f);
        assertThat(back.size()).isEqualTo(r.snapshots().size());
        assertThat(back.method()).isEqualTo("fge");
        assertThat(back.memberView(0)).containsExactly(r.ensemble().memberView(0));
    }
}
