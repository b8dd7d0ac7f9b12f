package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * A small convolutional network: blocks of (conv k×k, padding k/2 → ReLU → max-pool 2), then dense ReLU
 * layers and a softmax output. The default ({@code cnn}) is the benchmark's: conv 16, conv 32, dense 128.
 *
 * @param channels output channels of each conv block
 * @param denseWidths widths of the dense hidden layers after the conv blocks
 * @param kernel the (odd) kernel size of every conv layer
 */
public record CnnSpec(List<Integer> channels, List<Integer> denseWidths, int kernel) implements ArchitectureSpec {

    /** The benchmark's CNN. */
    public static final CnnSpec BENCHMARK = new CnnSpec(List.of(16, 32), List.of(128), 3);

    /** Validates the sizes. */
    @JsonCreator
    public CnnSpec(@JsonProperty("channels") List<Integer> channels,
            @JsonProperty("denseWidths") List<Integer> denseWidths, @JsonProperty("kernel") int kernel) {
        this.channels = List.copyOf(channels);
        this.denseWidths = List.copyOf(denseWidths);
        this.kernel = kernel;
        if (this.channels.isEmpty() || this.channels.stream().anyMatch(c -> c <= 0)
            || this.denseWidths.stream().anyMatch(w -> w <= 0)) {
            throw new InvalidInputException("The CNN '" + describe() + "' needs at least one conv block and positive "
                + "sizes.", "Write it as cnn:16,32/128 (conv channels / dense widths).");
        }
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new InvalidInputException("A CNN kernel size of " + kernel + " is not allowed.",
                "Give an odd kernel size such as 3 or 5.");
        }
    }

    @Override
    public String describe() {
        return "cnn:" + join(channels) + "/" + join(denseWidths) + (kernel == 3 ? "" : "/k" + kernel);
    }

    private static String join(List<Integer> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public void appendLayers(NetworkLayers.Builder layers) {
        for (int c : channels) {
            layers.conv(c, kernel, 1, kernel / 2, true);
            layers.relu();
            layers.maxPool(2, 2);
        }
        for (int w : denseWidths) {
            layers.dense(w);
            layers.relu();
        }
    }

    @Override
    public boolean hasBatchNorm() {
        return false;
    }

    @Override
    public boolean needsImages() {
        return true;
    }
}
