package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * A network whose layer list is stored with it rather than derived from a family's hyper-parameters: what an
 * imported model becomes. Its layers run, train, lie on curves and align as every family's do; the list ends
 * before the classifier, which {@link NetworkSpec} closes it with.
 *
 * @param name where the list came from (an imported file's name), for messages
 * @param layers the operations in order, each reading earlier ones (−1: the input)
 * @param imageInput whether the input is an image (C×H×W), also where no layer needs one (a BatchNorm over its
 *     channels before a dense layer, say)
 */
public record LayerGraphSpec(String name, List<Layer> layers, boolean imageInput) implements ArchitectureSpec {

    /**
     * One stored operation and the indices of the layers it reads.
     *
     * @param op what it computes
     * @param inputs the layers it reads, earlier in the list (−1: the network's input); two for a sum
     */
    public record Layer(LayerOp op, List<Integer> inputs) {
        /** Copies the inputs. */
        @JsonCreator
        public Layer(@JsonProperty("op") LayerOp op, @JsonProperty("inputs") List<Integer> inputs) {
            this.op = op;
            this.inputs = List.copyOf(inputs);
        }
    }

    /** A list whose input is an image exactly when one of its layers needs one. */
    public LayerGraphSpec(String name, List<Layer> layers) {
        this(name, layers, false);
    }

    /** Copies the list and checks that it is not empty and holds no classifier of its own. */
    @JsonCreator
    public LayerGraphSpec(@JsonProperty("name") String name, @JsonProperty("layers") List<Layer> layers,
            @JsonProperty("imageInput") boolean imageInput) {
        // a layer that needs an image makes the input one: one spec for one network, however it was written
        this.imageInput = imageInput || layers.stream().map(Layer::op).anyMatch(LayerGraphSpec::spatial);
        this.name = name == null || name.isBlank() ? "graph" : name;
        this.layers = List.copyOf(layers);
        if (this.layers.stream().anyMatch(l -> l.op() instanceof LayerOp.SoftmaxOutput)) {
            throw new IllegalArgumentException("a stored layer list ends before its classifier");
        }
        if (this.layers.isEmpty()) {
            throw new InvalidInputException("The network '" + this.name + "' has no layer before its classifier.",
                "A network needs at least one layer before its final dense layer to the classes.");
        }
    }

    @Override
    public void appendLayers(NetworkLayers.Builder builder) {
        for (Layer l : layers) {
            builder.append(l.op(), l.inputs());
        }
    }

    /**
     * Equal layer lists are the same architecture whatever files they came from, so that two networks imported
     * from two files can be joined by a curve or aligned.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LayerGraphSpec g && g.layers.equals(layers) && g.imageInput == imageInput;
    }

    @Override
    public int hashCode() {
        return layers.hashCode() * 31 + Boolean.hashCode(imageInput);
    }

    /** "graph:" and the name: a stored list has no text form to be parsed back. */
    @Override
    public String describe() {
        return "graph:" + name;
    }

    /**
     * The same list without its dropout layers, each reader of one reading what the dropout read: what an imported
     * network computes in evaluation mode, with the same parameters in the same order (dropout has none).
     */
    @Override
    public ArchitectureSpec withoutDropout() {
        if (layers.stream().noneMatch(l -> l.op() instanceof LayerOp.Dropout)) {
            return this;
        }
        int[] renumbered = new int[layers.size()];
        List<Layer> kept = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            List<Integer> inputs = l.inputs().stream().map(in -> in < 0 ? in : renumbered[in]).toList();
            if (l.op() instanceof LayerOp.Dropout) {
                renumbered[i] = inputs.get(0);
            } else {
                renumbered[i] = kept.size();
                kept.add(new Layer(l.op(), inputs));
            }
        }
        return new LayerGraphSpec(name, kept, imageInput);
    }

    @Override
    public boolean hasBatchNorm() {
        return layers.stream().anyMatch(l -> l.op() instanceof LayerOp.BatchNorm);
    }

    @Override
    public boolean needsImages() {
        return imageInput;
    }

    private static boolean spatial(LayerOp op) {
        return op instanceof LayerOp.Conv || op instanceof LayerOp.MaxPool || op instanceof LayerOp.AvgPool
            || op instanceof LayerOp.GlobalAvgPool || op instanceof LayerOp.ZeroPad;
    }
}
