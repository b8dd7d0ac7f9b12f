package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * A wide residual network (Zagoruyko and Komodakis) in the layout of the paper's reference code: a 3×3
 * conv stem of 16 channels, three stages of n = (depth − 4) / 6 wide basic blocks at 16·k, 32·k and 64·k
 * channels, then BN → ReLU → global average pool → softmax. A block is BN → ReLU → conv 3×3 → dropout →
 * BN → ReLU → conv 3×3 with the stage's stride on the second conv, every conv with a bias, and a 1×1
 * projection of the block's raw input as the shortcut where the shape changes. WRN-28-10 is
 * {@code wrn:28x10}.
 *
 * @param depth 6n+4, the number of weighted layers on the main path
 * @param widenFactor k, the multiplier of the stage widths
 * @param dropout the dropout probability between a block's two convs (0: none)
 */
public record WideResNetSpec(int depth, int widenFactor, double dropout) implements ArchitectureSpec {

    /** Validates depth, width and dropout. */
    @JsonCreator
    public WideResNetSpec(@JsonProperty("depth") int depth, @JsonProperty("widenFactor") int widenFactor,
            @JsonProperty("dropout") double dropout) {
        this.depth = depth;
        this.widenFactor = widenFactor;
        this.dropout = dropout;
        if (depth < 10 || (depth - 4) % 6 != 0) {
            throw new InvalidInputException("A wide ResNet of depth " + depth + " cannot be built: its depth must be "
                + "6n+4 with n ≥ 1 blocks per stage.", "Give a depth of 10, 16, 22, 28, 34, 40, … and a widen factor, "
                    + "for example wrn:28x10 or wrn:16x4.");
        }
        if (widenFactor <= 0) {
            throw new InvalidInputException("A wide ResNet widen factor of " + widenFactor + " is not allowed.",
                "Give a positive widen factor, for example wrn:28x10.");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidInputException("A wide ResNet dropout of " + dropout + " is not allowed.",
                "Give a probability from 0 up to but not including 1, for example wrn:28x10,0.3.");
        }
    }

    /** Blocks per stage. */
    public int blocksPerStage() {
        return (depth - 4) / 6;
    }

    @Override
    public String describe() {
        return "wrn:" + depth + "x" + widenFactor + (dropout == 0 ? "" : "," + dropout);
    }

    @Override
    public void appendLayers(NetworkLayers.Builder layers) {
        int k = widenFactor;
        layers.conv(16, 3, 1, 1, true);
        ResidualStages.append(layers, new int[] {16 * k, 32 * k, 64 * k}, blocksPerStage(), 16, 1, true,
            (l, planes, stride) -> {
                l.batchNorm();
                l.relu();
                l.conv(planes, 3, 1, 1, true);
                l.dropout(dropout);
                l.batchNorm();
                l.relu();
                l.conv(planes, 3, stride, 1, true);
            });
    }

    @Override
    public WideResNetSpec withoutDropout() {
        return new WideResNetSpec(depth, widenFactor, 0);
    }

    @Override
    public boolean hasBatchNorm() {
        return true;
    }

    @Override
    public boolean needsImages() {
        return true;
    }
}
