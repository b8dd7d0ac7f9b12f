package org.modeconn.knime;

import org.knime.core.node.ExecutionContext;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.ports.NetworkPortObject;

/**
 * Small trained models at ports, shared by the node tests: two MLPs on 600 MNIST digits (columns as
 * {@link KnimeTables} has them) and a curve between them.
 */
public final class NodeFixtures {

    private static NetworkPortObject first;

    private static NetworkPortObject second;

    private static CurvePortObject curve;

    private NodeFixtures() {
    }

    /** The columns of {@link KnimeTables}' MNIST tables. */
    public static InputColumns mnistColumns() {
        return new InputColumns(java.util.stream.IntStream.range(0, 784).mapToObj(i -> "px" + i).toList(), "label");
    }

    /** A tiny MLP (seed 1, stopped after 3 of 4 epochs, so with momentum). */
    public static synchronized NetworkPortObject first() throws Exception {
        if (first == null) {
            first = train(1);
        }
        return first;
    }

    /** The same architecture, seed 2. */
    public static synchronized NetworkPortObject second() throws Exception {
        if (second == null) {
            second = train(2);
        }
        return second;
    }

    /** A Bezier curve between the two, fitted for one epoch. */
    public static synchronized CurvePortObject curve() throws Exception {
        if (curve == null) {
            CurveFitSettings s = new CurveFitSettings(CurveType.BEZIER, 3, true, true, 1, 32,
                new SgdSettings(0.015, 0.9, false, 5e-4), new LearningRateSchedule.Reference(), 1);
            curve = CurvePortObject.create(CurveFitter.fit(first().model(), second().model(), data(), s,
                TrainingMonitor.NONE).curve(), mnistColumns(), new ExecutionContext());
        }
        return curve;
    }

    /** The network at t = 0.5 of {@link #curve()}: a third point off the line, for planes through networks. */
    public static synchronized NetworkPortObject midpoint() throws Exception {
        return NetworkPortObject.create(org.modeconn.engine.curve.CurvePoint.networkAt(curve().model(), 0.5, null),
            mnistColumns(), new ExecutionContext());
    }

    private static Dataset data() {
        return EmbeddedMnist.train().head(600);
    }

    private static NetworkPortObject train(final long seed) throws Exception {
        TrainingSettings s = new TrainingSettings(4, 32, new SgdSettings(0.05, 0.9, false, 5e-4),
            new LearningRateSchedule.Reference(), seed, FeatureScaling.Mode.AUTO, 0);
        return NetworkPortObject.create(EndpointTrainer.train(ArchitectureParser.parse("mlp:16"), data(), null, s, 3,
            TrainingMonitor.NONE).network(), mnistColumns(), new ExecutionContext());
    }
}
