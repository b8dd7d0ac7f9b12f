package org.modeconn.engine.network;

import java.util.Objects;
import java.util.Optional;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.record.Provenance;

/**
 * A trained network as a value: its spec, the feature scaling it was trained with, its flat parameter
 * vector (trainable parameters and BatchNorm statistics in Deeplearning4j's flat order, see
 * {@link ParameterLayout}), optionally the optimiser's momentum buffer (for checkpoints that training
 * or FGE continues from) and its provenance. The arrays are owned by the instance: never changed.
 */
public final class Network {

    private final NetworkSpec spec;
    private final FeatureScaling scaling;
    private final float[] parameters;
    private final float[] momentum;
    private final Provenance provenance;
    private volatile ParameterLayout layout;

    /**
     * @param spec the architecture and input
     * @param scaling how raw features are scaled for this network
     * @param parameters the flat parameter vector (not copied: the caller hands it over)
     * @param momentum the momentum buffer, same length, or null
     * @param provenance where it came from, or null
     */
    public Network(NetworkSpec spec, FeatureScaling scaling, float[] parameters, float[] momentum,
            Provenance provenance) {
        this.spec = Objects.requireNonNull(spec);
        this.scaling = Objects.requireNonNull(scaling);
        this.parameters = Objects.requireNonNull(parameters);
        this.momentum = momentum;
        this.provenance = provenance;
        if (scaling.numFeatures() != spec.inputFeatures()) {
            throw new IllegalArgumentException("scaling for " + scaling.numFeatures() + " features, network has "
                + spec.inputFeatures());
        }
        if (momentum != null && momentum.length != parameters.length) {
            throw new IllegalArgumentException("momentum buffer of " + momentum.length + " for " + parameters.length
                + " parameters");
        }
    }

    /** Architecture, input and classes. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The feature scaling applied to raw data before it enters the network. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** A copy of the flat parameter vector. */
    public float[] parameters() {
        return parameters.clone();
    }

    /** The flat parameter vector itself, for engine code that only reads it. */
    public float[] parametersView() {
        return parameters;
    }

    /** The momentum buffer saved with a checkpoint. */
    public Optional<float[]> momentum() {
        return Optional.ofNullable(momentum).map(float[]::clone);
    }

    /** Where it came from. */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** The map of the parameter vector (built once from the architecture). */
    public ParameterLayout layout() {
        ParameterLayout l = layout;
        if (l == null) {
            l = ParameterLayouts.layoutOf(spec);
            layout = l;
        }
        return l;
    }

    /** The number of trainable parameters. */
    public long trainableParameterCount() {
        return layout().trainableSize();
    }

    /** The same network without the momentum buffer. */
    public Network withoutMomentum() {
        return momentum == null ? this : new Network(spec, scaling, parameters, null, provenance);
    }

    /** The same weights with other provenance. */
    public Network withProvenance(Provenance p) {
        return new Network(spec, scaling, parameters, momentum, p);
    }
}
