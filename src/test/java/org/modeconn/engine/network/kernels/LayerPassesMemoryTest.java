package org.modeconn.engine.network.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer kernels' memory: every pool buffer a pass takes comes back, inference holds far less than
 * training, and a training step keeps less than one buffer per node (in-place work, recomputed BatchNorm
 * outputs).
 */
class LayerPassesMemoryTest {

    private static final ImageShape IMAGE = new ImageShape(3, 32, 32);

    @Test
    void passesGiveBackEveryBufferAndKeepLessThanEveryActivation() {
        for (String arch : List.of("preresnet:20", "wrn:10x2", "vggbn:16,16,M,32,M/32")) {
            NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), IMAGE.size(), IMAGE,
                List.of("a", "b", "c"));
            int batch = 64;
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, IMAGE.size());
            int[] labels = new int[batch];
            long everyActivation = 0;
            for (LayerNode n : spec.layers().nodes()) {
                everyActivation += (long) batch * n.output().size() * Float.BYTES;
            }
            try (ExecutableNetwork holder = ExecutableNetwork.createWithGenericLayers(spec);
                LayerPasses passes = new LayerPasses(spec.layers(), holder.layout(), holder.parameters(),
                    holder.gradients(), 1,
                    ComputeContext.current().kernels())) {
                holder.setParameters(holder.layout().initialise(1));
                passes.computeGradient(x, labels);
                passes.computeGradient(x, labels);
                long[] training = passes.heldBuffers();
                assertThat(training[0]).as(arch + ": pool buffers still taken after a step").isZero();
                // beside the activations: the weights and their gradient staged in the primitives' layouts
                long staging = 4L * holder.layout().size() * Float.BYTES;
                assertThat(training[1]).as(arch).isLessThan(everyActivation + staging);
                passes.predict(x).close();
                passes.batchNormStatistics(x);
                long[] all = passes.heldBuffers();
                assertThat(all[0]).as(arch + ": pool buffers still taken after inference").isZero();
                // the inference buffers of the same batch size hold a few activations at a time
                assertThat(all[1] - training[1]).as(arch).isLessThan(training[1]);
            }
        }
    }

    @Test
    void closingThePassesFreesEveryNativeBufferTheyMade() {
        // The buffers are views into 64-byte aligned allocations; ND4J's close() of a view frees nothing, so
        // without an owner that closes the buffer under each one they stay until a garbage collection finds them.
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("preresnet:8"), IMAGE.size(), IMAGE,
            List.of("a", "b", "c"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, IMAGE.size());
        List<org.nd4j.linalg.api.buffer.DataBuffer> made;
        try (ExecutableNetwork holder = ExecutableNetwork.createWithGenericLayers(spec)) {
            LayerPasses passes = new LayerPasses(spec.layers(), holder.layout(), holder.parameters(),
                holder.gradients(), 1, ComputeContext.current().kernels());
            holder.setParameters(holder.layout().initialise(1));
            passes.computeGradient(x, new int[32]);
            passes.predict(x).close();
            made = passes.madeBuffers();
            assertThat(made).hasSizeGreaterThan(10);
            assertThat(made.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(false);
            passes.close();
        }
        assertThat(made.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(true);
    }

    @Test
    void closingADenseNetworkFreesItsPassBuffers() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:16,8"), 12, null, List.of("a", "b"));
        var layout = org.modeconn.engine.network.ParameterLayouts.layoutOf(spec);
        INDArray params = Nd4j.create(DataType.FLOAT, 1, layout.size());
        INDArray grads = Nd4j.create(DataType.FLOAT, 1, layout.size());
        params.assign(Nd4j.createFromArray(layout.initialise(1)).reshape(1, layout.size()));
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 12);
        DenseMlpPasses passes = DenseMlpPasses.forNetwork(spec, layout, params, grads);
        passes.computeGradient(x, new int[20]);
        passes.predict(x).close();
        List<org.nd4j.linalg.api.buffer.DataBuffer> made = passes.madeBuffers();
        assertThat(made).hasSizeGreaterThan(5);
        assertThat(made.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(false);
        passes.close();
        assertThat(made.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(true);
        assertThat(params.data().wasClosed()).as("the parameters belong to the network").isFalse();
    }
}
