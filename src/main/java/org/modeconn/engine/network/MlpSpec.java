package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * A multi-layer perceptron: dense hidden layers of the given widths with ReLU, each optionally followed
 * by BatchNorm (dense → BN → ReLU), then a dense softmax output layer.
 *
 * @param widths hidden layer widths, input side first (may be empty: multinomial logistic regression)
 * @param batchNorm whether each hidden dense layer is followed by BatchNorm
 */
public record MlpSpec(List<Integer> widths, boolean batchNorm) implements ArchitectureSpec {

    /** Validates the widths. */
    @JsonCreator
    public MlpSpec(@JsonProperty("widths") List<Integer> widths, @JsonProperty("batchNorm") boolean batchNorm) {
        this.widths = List.copyOf(widths);
        this.batchNorm = batchNorm;
        for (int w : this.widths) {
            if (w <= 0) {
                throw new InvalidInputException("An MLP layer width of " + w + " is not allowed.",
                    "Give positive layer widths, for example mlp:512,512.");
            }
        }
    }

    @Override
    public String describe() {
        return (batchNorm ? "mlpbn:" : "mlp:") + widths.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public void appendLayers(NetworkLayers.Builder layers) {
        for (int w : widths) {
            layers.dense(w);
            if (batchNorm) {
                layers.batchNorm();
            }
            layers.relu();
        }
    }

    @Override
    public boolean hasBatchNorm() {
        return batchNorm && !widths.isEmpty();
    }

    @Override
    public boolean needsImages() {
        return false;
    }
}
