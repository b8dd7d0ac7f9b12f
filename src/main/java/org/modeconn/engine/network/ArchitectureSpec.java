package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * The family and hyper-parameters of a network, without its input size or classes: what a user picks in
 * a dialog or writes after {@code --arch}. {@link #describe()} gives back the text form that
 * {@link ArchitectureParser} reads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MlpSpec.class, name = "mlp"),
    @JsonSubTypes.Type(value = CnnSpec.class, name = "cnn"),
    @JsonSubTypes.Type(value = VggSpec.class, name = "vgg"),
    @JsonSubTypes.Type(value = PreResNetSpec.class, name = "preresnet"),
    @JsonSubTypes.Type(value = WideResNetSpec.class, name = "wrn"),
    @JsonSubTypes.Type(value = LayerGraphSpec.class, name = "graph")})
public sealed interface ArchitectureSpec permits MlpSpec, CnnSpec, VggSpec, PreResNetSpec, WideResNetSpec,
        LayerGraphSpec {

    /**
     * Writes the network's layers, from its input up to (not including) the softmax classifier: the one
     * place where the architecture is described.
     */
    void appendLayers(NetworkLayers.Builder layers);

    /** The text form, for example {@code mlp:512,512}. */
    String describe();

    /** Whether the network has BatchNorm layers, whose statistics are recomputed along curves. */
    boolean hasBatchNorm();

    /** Whether the network needs image-shaped input (C×H×W). */
    boolean needsImages();

    /**
     * The same architecture with every dropout layer left out: what the network computes in evaluation mode, with the
     * same parameters in the same order (dropout has none). Architectures without a dropout setting return themselves.
     */
    default ArchitectureSpec withoutDropout() {
        return this;
    }
}
