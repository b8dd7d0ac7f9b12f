package org.modeconn.engine.ensemble;

import java.util.List;

import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;

/**
 * Applies a network or an ensemble (the mean of its members' softmax outputs) to data: class
 * probabilities and the predicted class of every row. Members are run one at a time.
 */
public final class Predictor {

    /**
     * Predictions for a data set.
     *
     * @param classNames the classes, in probability column order
     * @param probabilities row-major [N, C]
     * @param predicted the index of the predicted class of each row
     */
    public record Predictions(List<String> classNames, float[] probabilities, int[] predicted) {
        /** N. */
        public int rows() {
            return predicted.length;
        }
    }

    private Predictor() {
    }

    /** The network's predictions for {@code data} (labels, if any, are not used). */
    public static Predictions predict(Network network, Dataset data) {
        return predict(network.spec(), network.scaling(), List.of(network.parametersView()), data);
    }

    /** The ensemble's predictions: the mean of its members' probabilities. */
    public static Predictions predict(EnsembleModel ensemble, Dataset data) {
        List<float[]> members = new java.util.ArrayList<>();
        for (int i = 0; i < ensemble.size(); i++) {
            members.add(ensemble.memberView(i));
        }
        return predict(ensemble.spec(), ensemble.scaling(), members, data);
    }

    private static Predictions predict(NetworkSpec spec, FeatureScaling scaling, List<float[]> members, Dataset data) {
        Dataset aligned = NetworkInputs.align(spec, data, "data");
        try (BatchSource source = BatchSource.of(aligned, scaling);
                ExecutableNetwork net = ExecutableNetwork.create(spec)) {
            EnsembleAccumulator mean = new EnsembleAccumulator(source);
            for (float[] m : members) {
                net.setParameters(m);
                mean.add(net);
            }
            float[] p = mean.meanProbabilities();
            int c = spec.numClasses();
            int[] predicted = new int[aligned.numExamples()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = NetworkEvaluator.argMax(p, i * c, c);
            }
            return new Predictions(spec.classNames(), p, predicted);
        }
    }
}
