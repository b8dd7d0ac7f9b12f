package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * A VGG-style network: blocks of 3×3 convolutions (padding 1, each optionally followed by BatchNorm, then
 * ReLU), each block closed by a 2×2 max-pool; then dense ReLU layers, each preceded by dropout, and a
 * softmax output. {@code vgg16} and {@code vgg19} are the reference code's: its conv blocks, a 512, 512
 * head and dropout 0.5 (active in training only).
 *
 * @param blocks conv channels of each block
 * @param denseWidths widths of the dense hidden layers
 * @param batchNorm whether every conv layer is followed by BatchNorm
 * @param dropout the dropout probability before each hidden dense layer (0: none; files written before
 *     dropout existed read as 0)
 */
public record VggSpec(List<List<Integer>> blocks, List<Integer> denseWidths, boolean batchNorm, double dropout)
        implements ArchitectureSpec {

    /** VGG-16's conv blocks. */
    public static final List<List<Integer>> VGG16_BLOCKS = List.of(List.of(64, 64), List.of(128, 128),
        List.of(256, 256, 256), List.of(512, 512, 512), List.of(512, 512, 512));
    /** VGG-19's conv blocks. */
    public static final List<List<Integer>> VGG19_BLOCKS = List.of(List.of(64, 64), List.of(128, 128),
        List.of(256, 256, 256, 256), List.of(512, 512, 512, 512), List.of(512, 512, 512, 512));
    /** The reference's head: two dense layers of 512. */
    public static final List<Integer> REFERENCE_HEAD = List.of(512, 512);
    /** The reference's dropout before each dense layer of the head. */
    public static final double REFERENCE_DROPOUT = 0.5;

    /** Validates the sizes. */
    @JsonCreator
    public VggSpec(@JsonProperty("blocks") List<List<Integer>> blocks,
            @JsonProperty("denseWidths") List<Integer> denseWidths, @JsonProperty("batchNorm") boolean batchNorm,
            @JsonProperty("dropout") double dropout) {
        this.blocks = blocks.stream().map(List::copyOf).toList();
        this.denseWidths = List.copyOf(denseWidths);
        this.batchNorm = batchNorm;
        this.dropout = dropout;
        boolean bad = this.blocks.isEmpty() || this.blocks.stream().anyMatch(b -> b.isEmpty()
            || b.stream().anyMatch(c -> c <= 0)) || this.denseWidths.stream().anyMatch(w -> w <= 0);
        if (bad) {
            throw new InvalidInputException("The VGG network '" + describe() + "' needs non-empty blocks and positive "
                + "sizes.", "Write it as vgg:64,M,128,M/512 (channels, M closes a block, / then dense widths), "
                    + "or vgg16 / vgg16bn / vgg19.");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidInputException("A VGG dropout of " + dropout + " is not allowed.",
                "Give a probability from 0 up to but not including 1, for example vgg:64,M,128,M/512/d0.5.");
        }
    }

    /** The reference's VGG-16 or VGG-19, with or without BatchNorm. */
    public static VggSpec reference(int depth, boolean batchNorm) {
        return new VggSpec(depth == 19 ? VGG19_BLOCKS : VGG16_BLOCKS, REFERENCE_HEAD, batchNorm, REFERENCE_DROPOUT);
    }

    @Override
    public String describe() {
        for (int depth : new int[] {16, 19}) {
            if (equals(reference(depth, batchNorm))) {
                return "vgg" + depth + (batchNorm ? "bn" : "");
            }
        }
        String conv = blocks.stream().map(b -> b.stream().map(String::valueOf).collect(Collectors.joining(",")))
            .collect(Collectors.joining(",M,")) + ",M";
        return (batchNorm ? "vggbn:" : "vgg:") + conv + "/"
            + denseWidths.stream().map(String::valueOf).collect(Collectors.joining(","))
            + (dropout == 0 ? "" : "/d" + dropout);
    }

    @Override
    public void appendLayers(NetworkLayers.Builder layers) {
        for (List<Integer> block : blocks) {
            for (int c : block) {
                layers.conv(c, 3, 1, 1, true);
                if (batchNorm) {
                    layers.batchNorm();
                }
                layers.relu();
            }
            layers.maxPool(2, 2);
        }
        for (int w : denseWidths) {
            layers.dropout(dropout);
            layers.dense(w);
            layers.relu();
        }
    }

    @Override
    public VggSpec withoutDropout() {
        return new VggSpec(blocks, denseWidths, batchNorm, 0);
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
