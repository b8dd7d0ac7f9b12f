package org.modeconn.engine.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.curve.BezierCurve;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.PolyChainCurve;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.report.PlaneHeatMap;
import org.modeconn.engine.report.PlaneTables;
import org.modeconn.engine.train.TrainingMonitor;

class PlaneSlicerTest {

    @TempDir
    Path dir;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void theBasisIsOrthonormalAndThePointsLandAtTheirCoordinates() {
        float[] w1 = random(500, 1);
        float[] theta = random(500, 2);
        float[] w2 = random(500, 3);
        PlaneBasis b = new PlaneBasis(w1, theta, w2);
        assertThat(b.dotBasis()).isCloseTo(0, within(1e-9));
        assertThat(b.basisNorms()).containsExactly(new double[] {1, 1}, within(1e-9));
        double u2 = 0;
        double uv = 0;
        for (int i = 0; i < 500; i++) {
            u2 += (w2[i] - w1[i]) * (double) (w2[i] - w1[i]);
            uv += (w2[i] - w1[i]) * (double) (theta[i] - w1[i]);
        }
        double lu = Math.sqrt(u2);
        assertThat(b.lengthU()).isCloseTo(lu, within(1e-6));
        assertThat(b.coordinates(w1)).containsExactly(new double[] {0, 0}, within(1e-6));
        assertThat(b.coordinates(w2)).containsExactly(new double[] {lu, 0}, within(1e-5));
        assertThat(b.coordinates(theta)).containsExactly(new double[] {uv / lu, b.lengthV()}, within(1e-5));
        // point() and coordinates() are inverse on the plane
        float[] p = b.point(1.5, -0.7);
        assertThat(b.coordinates(p)).containsExactly(new double[] {1.5, -0.7}, within(1e-4));
        assertThatThrownBy(() -> new PlaneBasis(w1, theta, w1)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("identical");
        float[] mid = new float[500];
        for (int i = 0; i < 500; i++) {
            mid[i] = (w1[i] + w2[i]) / 2;
        }
        assertThatThrownBy(() -> new PlaneBasis(w1, mid, w2)).hasMessageContaining("straight line");
    }

    @Test
    void slicesTheGridInParallelWithTheSameFiguresAsOneWorker() {
        Dataset train = EmbeddedMnist.train().head(400);
        Dataset test = EmbeddedMnist.test().head(200);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:16"), 784, null, train.classNames());
        var layout = ParameterLayouts.layoutOf(spec);
        Network a = new Network(spec, FeatureScaling.pixels(784), layout.initialise(1), null, null);
        Network b = new Network(spec, FeatureScaling.pixels(784), layout.initialise(2), null, null);
        Network c = new Network(spec, FeatureScaling.pixels(784), layout.initialise(3), null, null);
        PlaneResult one = PlaneSlicer.slice(a, b, c, train, test, new PlaneSettings(4, 0.2, 300, 5, 1),
            TrainingMonitor.NONE);
        PlaneResult two = PlaneSlicer.slice(a, b, c, train, test, new PlaneSettings(4, 0.2, 300, 5, 2),
            TrainingMonitor.NONE);
        assertThat(one.trainExamples()).isEqualTo(300);
        assertThat(one.xs()).hasSize(4);
        assertThat(one.xs()[0]).isCloseTo(-0.2 * one.lengthU(), within(1e-9));
        assertThat(one.xs()[3]).isCloseTo(1.2 * one.lengthU(), within(1e-9));
        for (int i = 0; i < 4; i++) {
            assertThat(two.trainLoss()[i]).containsExactly(one.trainLoss()[i]);
            assertThat(two.testError()[i]).containsExactly(one.testError()[i]);
            for (int j = 0; j < 4; j++) {
                assertThat(one.trainLoss()[i][j]).isPositive().isFinite();
                assertThat(one.testError()[i][j]).isBetween(0.0, 100.0);
            }
        }
        assertThat(one.anchors()[0]).containsExactly(new double[] {0, 0}, within(1e-4));
        assertThat(one.curve()).isEmpty();
    }

    @Test
    void aCurvesPlaneCarriesTheCurveAndCanBeCancelled() throws Exception {
        Dataset train = EmbeddedMnist.train().head(200);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlp:8"), 784, null, train.classNames());
        var layout = ParameterLayouts.layoutOf(spec);
        Network a = new Network(spec, FeatureScaling.pixels(784), layout.initialise(1), null, null);
        Network b = new Network(spec, FeatureScaling.pixels(784), layout.initialise(2), null, null);
        float[][] bends = {a.parametersView(), layout.initialise(3), b.parametersView()};
        CurveModel curve = new CurveModel(spec, a.scaling(), new BezierCurve(3), bends, true, true, null);
        PlaneResult r = PlaneSlicer.slice(curve, train, null, new PlaneSettings(3, 0.1, 0, 7, 2), TrainingMonitor.NONE);
        assertThat(r.curve()).hasSize(7);
        assertThat(r.curve().get(0)).containsExactly(new double[] {0, 0}, within(1e-4));
        assertThat(r.curve().get(6)).containsExactly(new double[] {r.lengthU(), 0}, within(1e-3));
        assertThat(r.hasTest()).isFalse();
        Path png = dir.resolve("plane.png");
        PlaneHeatMap.write(r, png);
        assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        Path csv = dir.resolve("plane.csv");
        PlaneTables.writeCsv(r, csv);
        assertThat(Files.readAllLines(csv)).hasSize(1 + 9);
        TrainingMonitor cancelAtOnce = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> PlaneSlicer.slice(curve, train, null, new PlaneSettings(5, 0.1, 0, 7, 1),
            cancelAtOnce)).isInstanceOf(OperationCancelledException.class).hasMessageContaining("of 25 points");
    }

    @Test
    void randomDirectionsAroundANetworkAreSeededAndCentredOnIt() {
        Dataset train = EmbeddedMnist.train().head(400);
        Dataset test = EmbeddedMnist.test().head(200);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:16"), 784, null, train.classNames());
        var layout = ParameterLayouts.layoutOf(spec);
        Network a = new Network(spec, FeatureScaling.pixels(784), layout.initialise(1), null, null);
        PlaneSettings grid = new PlaneSettings(5, 0.2, 300, 5, 2);
        PlaneResult r = PlaneSlicer.sliceAround(a, train, test, grid, new RandomPlane(7, 0.5, false),
            TrainingMonitor.NONE);
        // α and β from −0.5 to 0.5; the centre, the network itself, in the middle of the grid.
        assertThat(r.xs()).containsExactly(new double[] {-0.5, -0.25, 0, 0.25, 0.5}, within(1e-12));
        assertThat(r.ys()).containsExactly(r.xs());
        assertThat(r.anchorNames()).containsExactly("centre");
        assertThat(r.anchors()[0]).containsExactly(new double[] {0, 0}, within(1e-9));
        // Filter-normalised: each direction is as long as the weights that move (BatchNorm and biases stay).
        double weights = 0;
        float[] w = a.parametersView();
        for (var b : layout.blocks()) {
            if (b.kind() == ParameterKind.WEIGHT) {
                for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                    weights += (double) w[(int) i] * w[(int) i];
                }
            }
        }
        assertThat(r.lengthU()).isCloseTo(Math.sqrt(weights), within(1e-3));
        assertThat(r.lengthV()).isCloseTo(Math.sqrt(weights), within(1e-3));
        // The same seed, the same directions and figures; another seed, others.
        PlaneResult again = PlaneSlicer.sliceAround(a, train, test, grid, new RandomPlane(7, 0.5, false),
            TrainingMonitor.NONE);
        PlaneResult other = PlaneSlicer.sliceAround(a, train, test, grid, new RandomPlane(8, 0.5, false),
            TrainingMonitor.NONE);
        for (int i = 0; i < 5; i++) {
            assertThat(again.trainLoss()[i]).containsExactly(r.trainLoss()[i]);
        }
        assertThat(other.trainLoss()[0]).isNotEqualTo(r.trainLoss()[0]);
        // At the centre every direction meets: both seeds see the network itself there.
        assertThat(other.trainLoss()[2][2]).isEqualTo(r.trainLoss()[2][2]);
        assertThatThrownBy(() -> new RandomPlane(1, 0, false)).hasMessageContaining("out of range");
    }

    @Test
    void oneDimensionalSlicesFollowTheLineBetweenTwoNetworksAndOneRandomDirection() {
        Dataset train = EmbeddedMnist.train().head(400);
        Dataset test = EmbeddedMnist.test().head(200);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlp:16"), 784, null, train.classNames());
        var layout = ParameterLayouts.layoutOf(spec);
        Network a = new Network(spec, FeatureScaling.pixels(784), layout.initialise(1), null, null);
        Network b = new Network(spec, FeatureScaling.pixels(784), layout.initialise(2), null, null);
        PlaneSettings five = new PlaneSettings(5, 0, 0, 5, 2);
        PlaneResult line = PlaneSlicer.lineBetween(a, b, train, test, five, TrainingMonitor.NONE);
        assertThat(line.isLine()).isTrue();
        assertThat(line.anchorNames()).containsExactly("a", "b");
        assertThat(line.anchors()[1][0]).isCloseTo(line.lengthU(), within(1e-3));
        assertThat(line.xs()[4]).isCloseTo(line.lengthU(), within(1e-9));
        // The same figures as Evaluate Curve's straight line between the two (t = 0, 1/4, ..., 1).
        CurveModel straight = new CurveModel(spec, a.scaling(), new PolyChainCurve(2),
            new float[][] {a.parametersView(), b.parametersView()}, true, true, null);
        var profile = CurveEvaluator.evaluate(straight, train, test, 5, 1, false,
            TrainingMonitor.NONE).curve();
        for (int i = 0; i < 5; i++) {
            assertThat(line.trainLoss()[0][i]).isCloseTo(profile.points().get(i).trainLoss(), within(1e-4));
            assertThat(line.testError()[0][i]).isCloseTo(profile.points().get(i).testErrorPercent(), within(0.51));
        }
        // One random direction: symmetric about the centre, which is the network itself.
        PlaneResult around = PlaneSlicer.lineAround(a, train, test, five, new RandomPlane(3, 1, false),
            TrainingMonitor.NONE);
        assertThat(around.xs()[0]).isCloseTo(-around.xs()[4], within(1e-9));
        assertThat(around.trainLoss()[0][2]).isCloseTo(line.trainLoss()[0][0], within(1e-6));
        assertThatThrownBy(() -> PlaneSlicer.lineBetween(a, a, train, test, five, TrainingMonitor.NONE))
            .hasMessageContaining("one network");
    }
}
