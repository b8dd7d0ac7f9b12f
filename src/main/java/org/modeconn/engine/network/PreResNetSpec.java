package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * A pre-activation ResNet as in the paper's reference code: a 3×3 conv stem, three stages of residual
 * blocks at 16·w, 32·w and 64·w channels (stride 2 at the start of stages 2 and 3), then BN → ReLU →
 * global average pool → softmax. Depth 6n+2 uses basic blocks (two 3×3 convs); depth 9n+2 from 44 up
 * uses bottleneck blocks (1×1, 3×3, 1×1 with expansion 4), as PreResNet-110 and -164 do.
 *
 * @param depth the number of weighted layers, 6n+2 (below 44) or 9n+2 (44 and up)
 * @param widthFactor w, the multiplier of the channel counts
 */
public record PreResNetSpec(int depth, int widthFactor) implements ArchitectureSpec {

    /** Validates the depth and width. */
    @JsonCreator
    public PreResNetSpec(@JsonProperty("depth") int depth, @JsonProperty("widthFactor") int widthFactor) {
        this.depth = depth;
        this.widthFactor = widthFactor;
        boolean ok = depth >= 44 ? (depth - 2) % 9 == 0 : depth >= 8 && (depth - 2) % 6 == 0;
        if (!ok) {
            throw new InvalidInputException("A pre-activation ResNet of depth " + depth + " cannot be built.",
                "Give a depth of the form 6n+2 below 44 (8, 14, 20, 26, 32, 38) or 9n+2 from 44 up (110, 164).");
        }
        if (widthFactor <= 0) {
            throw new InvalidInputException("A ResNet width factor of " + widthFactor + " is not allowed.",
                "Give a positive width factor (1 is the standard width).");
        }
    }

    /** Whether the blocks are bottleneck blocks. */
    public boolean bottleneck() {
        return depth >= 44;
    }

    /** Blocks per stage. */
    public int blocksPerStage() {
        return bottleneck() ? (depth - 2) / 9 : (depth - 2) / 6;
    }

    @Override
    public String describe() {
        return "preresnet:" + depth + (widthFactor == 1 ? "" : "x" + widthFactor);
    }

    /**
     * The stem conv, the stages of pre-activation blocks (BN → ReLU → conv, twice or three times), the
     * shortcut a 1×1 projection of the block's raw input (not its pre-activation, as in the reference) where
     * the shape changes; then BN → ReLU → global average pool.
     */
    @Override
    public void appendLayers(NetworkLayers.Builder layers) {
        int w = widthFactor;
        layers.conv(16 * w, 3, 1, 1, false);
        ResidualStages.append(layers, new int[] {16 * w, 32 * w, 64 * w}, blocksPerStage(), 16 * w,
            bottleneck() ? 4 : 1, false, (l, planes, stride) -> {
                l.batchNorm();
                l.relu();
                if (bottleneck()) {
                    l.conv(planes, 1, 1, 0, false);
                    l.batchNorm();
                    l.relu();
                    l.conv(planes, 3, stride, 1, false);
                    l.batchNorm();
                    l.relu();
                    l.conv(planes * 4, 1, 1, 0, false);
                } else {
                    l.conv(planes, 3, stride, 1, false);
                    l.batchNorm();
                    l.relu();
                    l.conv(planes, 3, 1, 1, false);
                }
            });
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
