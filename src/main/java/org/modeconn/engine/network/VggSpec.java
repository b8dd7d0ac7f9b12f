package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;
import org.modeconn.engine.InvalidInputException;

/**
 * A VGG-style network: blocks of 3×3 convolutions (padding 1, each optionally followed by BatchNorm, then
 * ReLU), each block closed by a 2×2 max-pool; then dense ReLU layers and a softmax output. VGG-16 is
 * {@code [[64,64],[128,128],[256,256,256],[512,512,512],[512,512,512]]} with a 512, 512 head. Unlike the
 * paper's reference code the head has no dropout, so that a network is a deterministic function of its
 * weights everywhere along a curve.
 *
 * @param blocks conv channels of each block
 * @param denseWidths widths of the dense hidden layers
 * @param batchNorm whether every conv layer is followed by BatchNorm
 */
public record VggSpec(List<List<Integer>> blocks, List<Integer> denseWidths, boolean batchNorm)
        implements ArchitectureSpec {

    /** VGG-16's conv blocks. */
    public static final List<List<Integer>> VGG16_BLOCKS = List.of(List.of(64, 64), List.of(128, 128),
        List.of(256, 256, 256), List.of(512, 512, 512), List.of(512, 512, 512));

    /** Validates the sizes. */
    @JsonCreator
    public VggSpec(@JsonProperty("blocks") List<List<Integer>> blocks,
            @JsonProperty("denseWidths") List<Integer> denseWidths, @JsonProperty("batchNorm") boolean batchNorm) {
        this.blocks = blocks.stream().map(List::copyOf).toList();
        this.denseWidths = List.copyOf(denseWidths);
        this.batchNorm = batchNorm;
        boolean bad = this.blocks.isEmpty() || this.blocks.stream().anyMatch(b -> b.isEmpty()
            || b.stream().anyMatch(c -> c <= 0)) || this.denseWidths.stream().anyMatch(w -> w <= 0);
        if (bad) {
            throw new InvalidInputException("The VGG network '" + describe() + "' needs non-empty blocks and positive "
                + "sizes.", "Write it as vgg:64,M,128,M/512 (channels, M closes a block, / then dense widths), "
                    + "or vgg16 / vgg16bn.");
        }
    }

    @Override
    public String describe() {
        String conv = blocks.stream().map(b -> b.stream().map(String::valueOf).collect(Collectors.joining(",")))
            .collect(Collectors.joining(",M,")) + ",M";
        return (batchNorm ? "vggbn:" : "vgg:") + conv + "/"
            + denseWidths.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public boolean hasBatchNorm() {
        return batchNorm;
    }

    @Override
    public boolean needsImages() {
        return true;
    }
}
