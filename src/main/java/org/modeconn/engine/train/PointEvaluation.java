package org.modeconn.engine.train;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.kernels.SharedFirstLayer;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.work.WorkState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The networks at points of weight space that are combinations of a few vectors (the points of a plane, of a curve,
 * of the line between two networks), evaluated as the paper does: BatchNorm statistics recomputed on the training
 * data at each point. What the points share in one process is {@link Data}; each worker has a {@link Worker}.
 */
public final class PointEvaluation {

    private PointEvaluation() {
    }

    /**
     * The data on the device, and where it pays the first layer of every vector precomputed over it (so that a point's
     * first layer is a combination of them).
     *
     * @param train the training data
     * @param test the test data, or null
     * @param firstLayer the precomputed first layer, where it pays
     */
    public record Data(BatchSource train, BatchSource test, Optional<SharedFirstLayer> firstLayer) implements WorkState {

        /** Opens the data of networks of {@code spec} at combinations of {@code vectors}. */
        public static Data open(NetworkSpec spec, FeatureScaling scaling, Dataset train, Dataset test,
                List<float[]> vectors) {
            BatchSource trainData = BatchSource.of(train, scaling);
            BatchSource testData = test == null ? null : BatchSource.of(test, scaling);
            List<INDArray> data = testData == null ? List.of(trainData.features())
                : List.of(trainData.features(), testData.features());
            return new Data(trainData, testData, SharedFirstLayer.of(spec, vectors, data,
                ComputeContext.current().kernels()));
        }

        @Override
        public void close() {
            train.close();
            if (test != null) {
                test.close();
            }
        }
    }

    /**
     * One worker's own network.
     *
     * @param net the network
     * @param bn its BatchNorm statistics' recomputation
     * @param data what the worker shares with the others
     */
    public record Worker(ExecutableNetwork net, BatchNormRecomputer bn, Data data) implements WorkState {

        /** A worker with a network of {@code spec}. */
        public static Worker open(NetworkSpec spec, Data data) {
            ExecutableNetwork net = ExecutableNetwork.create(spec);
            return new Worker(net, new BatchNormRecomputer(net), data);
        }

        /**
         * Puts the network at the point of {@code coefficients} of the vectors (or, without a precomputed first layer,
         * at the parameters {@code point} gives) and recomputes its BatchNorm statistics on the training data.
         */
        public void moveTo(double[] coefficients, Supplier<float[]> point) {
            if (data.firstLayer().isPresent()) {
                net.setCombination(data.firstLayer().get(), coefficients);
            } else {
                net.setParameters(point.get());
            }
            bn.recompute(data.train());
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
