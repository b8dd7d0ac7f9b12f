package org.modeconn.engine.network.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.modeconn.engine.backend.ThreadBudget;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.kernels.KernelChoice;
import org.modeconn.engine.network.kernels.OwnPasses;
import org.modeconn.engine.network.kernels.SharedFirstLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network made executable: its flat parameter and gradient vectors, which optimisers and curves read and
 * write in place, and the passes that run on them: the engine's CPU kernels where they run, else
 * Deeplearning4j's layers (the CUDA backend, comparisons), whose graph is then built and owns the vectors.
 * Runs on the kernels of the compute context it is made in, each pass on the threads the context claims for it.
 * Not thread-safe: one instance per running operation. Holds native memory (the vectors, the passes'
 * buffers and primitives, the graph): whoever creates one closes it, else its context does when it closes.
 */
public final class ExecutableNetwork implements AutoCloseable {

    private final NetworkSpec spec;
    private final ParameterLayout layout;
    private final INDArray params;
    private final INDArray grads;
    private final OwnPasses ownPasses;
    private final Dl4jGraphPasses graphPasses;
    private final ComputeContext context;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExecutableNetwork(NetworkSpec spec, ComputeContext context, KernelChoice kernels) {
        this.context = context;
        this.spec = spec;
        this.layout = ParameterLayouts.layoutOf(spec);
        OwnPasses own = null;
        INDArray p = null;
        INDArray g = null;
        if (kernels.ownPasses()) {
            try {
                p = Nd4j.create(DataType.FLOAT, 1, layout.size());
                g = Nd4j.create(DataType.FLOAT, 1, layout.size());
                own = OwnPasses.forNetwork(spec, layout, p, g, kernels);
            } catch (RuntimeException | Error e) {
                release(p);
                release(g);
                throw e;
            }
            if (own == null) {
                p.close();
                g.close();
            }
        }
        if (own != null) {
            this.params = p;
            this.grads = g;
            this.ownPasses = own;
            this.graphPasses = null;
        } else {
            this.ownPasses = null;
            this.graphPasses = new Dl4jGraphPasses(spec, layout);
            this.params = graphPasses.parameters();
            this.grads = graphPasses.gradients();
        }
        // owned once whole: a construction that failed has freed what it made and leaves the context nothing to close
        context.own(this);
    }

    /** A new executable network with zero parameters, in the run's context ({@link ComputeContext#current()}). */
    public static ExecutableNetwork create(NetworkSpec spec) {
        return create(spec, ComputeContext.current());
    }

    /** A new executable network with zero parameters, on {@code context}'s kernels and owned by it. */
    public static ExecutableNetwork create(NetworkSpec spec, ComputeContext context) {
        return new ExecutableNetwork(spec, context, context.kernels());
    }

    /**
     * A new executable network that runs every pass through Deeplearning4j's own layers, even for an MLP
     * or a CNN (which {@link #create} runs through the engine's own passes): for comparisons of the two.
     */
    public static ExecutableNetwork createWithGenericLayers(NetworkSpec spec) {
        ComputeContext context = ComputeContext.current();
        KernelChoice k = context.kernels();
        return new ExecutableNetwork(spec, context, new KernelChoice(false, k.oneDnn(), k.directConvolution(),
            "Deeplearning4j's layers, for a comparison"));
    }

    /** A new executable network holding {@code network}'s parameters. */
    public static ExecutableNetwork of(Network network) {
        ExecutableNetwork n = create(network.spec());
        n.setParameters(network.parametersView());
        return n;
    }

    /** Whether its passes are the engine's own (MLPs and CNNs on OpenBLAS) rather than Deeplearning4j's layers. */
    public boolean runsOwnPasses() {
        return ownPasses != null;
    }

    /** The spec it was built from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The map of {@link #parameters()}. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The flat parameter vector [1, P], a live view: writing it changes the network. */
    public INDArray parameters() {
        return params;
    }

    /** The flat gradient vector [1, P] of the last {@link #computeGradient}, a live view. */
    public INDArray gradients() {
        return grads;
    }

    /**
     * Sets the parameters to the point Σ c_k·w_k of {@code shared}'s family; inference passes on rows of its
     * data then take the first layer from it (until the parameters are set again).
     */
    public void setCombination(SharedFirstLayer shared, double[] coefficients) {
        setParameters(shared.combine(coefficients));
        if (ownPasses != null) {
            ownPasses.useSharedFirstLayer(shared, coefficients);
        }
    }

    /**
     * One training step timed per kind of kernel (seconds forward and backward by kernel class), where the
     * layer kernels run; empty elsewhere.
     */
    public Map<String, double[]> profileStep(INDArray features, int[] labelIndices) {
        return onClaimedThreads(() -> ownPasses == null ? Map.of() : ownPasses.profileStep(features, labelIndices));
    }

    /** Copies {@code flat} into the network. */
    public void setParameters(float[] flat) {
        if (ownPasses != null) {
            ownPasses.useSharedFirstLayer(null, null);
        }
        if (flat.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " parameters, got " + flat.length);
        }
        INDArray values = Nd4j.createFromArray(flat);
        params.assign(values.reshape(1, flat.length));
        // freed now rather than by the collector: curves and planes set parameters of any size many times
        values.close();
    }

    /** Copies the network's parameters out. */
    public float[] parameterArray() {
        INDArray copy = params.dup();
        float[] values = copy.data().asFloat();
        copy.close();
        return values;
    }

    /**
     * Forward and backward pass in training mode (BatchNorm on batch statistics) on one batch; the
     * gradient of the mean loss lands in {@link #gradients()} (for BatchNorm statistics: the change of the
     * running average, see {@code SgdOptimizer}).
     *
     * @param features [B, d] scaled features
     * @param labels [B, C] one-hot labels
     * @param labelIndices the class of each row, to count errors from the same forward pass
     * @return the mean loss and the number of misclassified rows
     */
    public BatchResult computeGradient(INDArray features, INDArray labels, int[] labelIndices) {
        return onClaimedThreads(() -> ownPasses != null ? ownPasses.computeGradient(features, labelIndices)
                : graphPasses.computeGradient(features, labels, labelIndices));
    }

    /** Class probabilities [B, C] in inference mode (BatchNorm on running statistics). */
    public INDArray predict(INDArray features) {
        return onClaimedThreads(() -> ownPasses != null ? ownPasses.predict(features) : graphPasses.predict(features));
    }

    /**
     * Activations of the named layers for one batch in training mode (BatchNorm normalising with batch
     * statistics), detached from any workspace.
     */
    public INDArray[] trainingActivations(List<String> layers, INDArray features) {
        return onClaimedThreads(() -> ownPasses != null ? ownPasses.trainingActivations(layers, features)
                : graphPasses.trainingActivations(layers, features));
    }

    /**
     * For each BatchNorm layer (by name, in flat order), the batch mean and unbiased batch variance of its
     * input for one batch in training mode (BatchNorm normalising with batch statistics); the running
     * statistics are left as they are.
     */
    public Map<String, float[][]> batchNormStatistics(INDArray features) {
        return onClaimedThreads(() -> batchNormStatisticsOnClaimedThreads(features));
    }

    private Map<String, float[][]> batchNormStatisticsOnClaimedThreads(INDArray features) {
        Map<String, float[][]> own = ownPasses == null ? null : ownPasses.batchNormStatistics(features);
        if (own != null) {
            return own;
        }
        if (graphPasses == null) {
            throw new IllegalStateException("the engine's passes of " + spec.architecture().describe()
                + " give no BatchNorm statistics");
        }
        return graphPasses.batchNormStatistics(features);
    }

    /**
     * The Deeplearning4j graph, where its layers run (the test oracle reads its structure); empty where the
     * engine's own passes run and no graph is built.
     */
    public java.util.Optional<ComputationGraph> graph() {
        return java.util.Optional.ofNullable(graphPasses == null ? null : graphPasses.graph());
    }

    /** Frees the passes' buffers and the network's native memory; the network cannot be used afterwards. */
    @Override
    public void close() {
        // the context and the network's user may both close it, from different threads
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        context.release(this);
        if (ownPasses instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free the network's buffers", e);
            }
        }
        if (graphPasses != null) {
            graphPasses.close();
        } else {
            params.close();
            grads.close();
        }
    }

    /** Runs one pass on the threads the context gives this thread now. */
    private <T> T onClaimedThreads(Supplier<T> pass) {
        ThreadBudget.Claim claim = context.claimThreads();
        try {
            if (ownPasses != null) {
                ownPasses.runOn(claim.threads());
            }
            return pass.get();
        } finally {
            claim.close();
        }
    }

    /** Frees an array's native memory at once, where it owns it (not views, not workspace arrays). */
    public static void release(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }
}
