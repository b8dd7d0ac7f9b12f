package org.modeconn.engine.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.NativeHeap;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run's compute context: it frees the native memory of what the run opened in it, and its backend line, which goes
 * into provenance, names the kernels, the threads and the wait policy.
 */
class ComputeContextTest {

    private static final Dataset TRAIN = EmbeddedMnist.train().head(256);

    private static TrainingResult trainResidualNetwork() {
        TrainingSettings s = new TrainingSettings(1, 64, new SgdSettings(0.05, 0.9, false, 1e-4),
            new LearningRateSchedule.Constant(), 3, FeatureScaling.Mode.PIXELS, 0);
        return EndpointTrainer.train(ArchitectureParser.parse("preresnet:8"), TRAIN, null, s, TrainingMonitor.NONE);
    }

    @Test
    void aRunsNativeMemoryComesBackWhenItsContextClosesEvenWhatItsCodeLeftOpen() {
        // a first run loads the natives and fills the process's one-time caches (the JVM's compiled code, oneDNN's
        // cache of primitives, OpenMP's threads)
        runLeavingANetworkOpen();
        // the JVM's compiler and collector allocate natively too, now and then: what a run leaves is the smaller of
        // two runs' residues, what a leak leaves it leaves each time
        long held = 0;
        long left = Long.MAX_VALUE;
        ExecutableNetwork leftOpen = null;
        for (int run = 0; run < 2; run++) {
            long before = NativeHeap.settledInUseBytes();
            long[] during = new long[1];
            leftOpen = runLeavingANetworkOpen(during);
            long after = NativeHeap.settledInUseBytes();
            held = Math.max(held, during[0] - before);
            left = Math.min(left, after - before);
        }
        assertThat(held).as("the run held native memory (bytes)").isGreaterThan(8L << 20);
        // what stays is the JVM's own (compiled code) and ND4J's caches of shapes: a small part of what the run held
        assertThat(left).as("native bytes not given back after the context closed, of %d held", held)
            .isLessThan(held / 10);
        assertThat(leftOpen.parameters().data().wasClosed()).isTrue();
    }

    /** Trains a residual network and leaves another open with a step's buffers; returns that one. */
    private static ExecutableNetwork runLeavingANetworkOpen(long... during) {
        try (ComputeContext run = ComputeContext.open(ComputeOptions.DEFAULTS.withThreads(2))) {
            trainResidualNetwork();
            NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("preresnet:8"), TRAIN.numFeatures(),
                TRAIN.imageShape().orElseThrow(), TRAIN.classNames());
            ExecutableNetwork leftOpen = ExecutableNetwork.create(spec);
            leftOpen.setParameters(leftOpen.layout().initialise(1));
            try (INDArray x = Nd4j.rand(DataType.FLOAT, 64, TRAIN.numFeatures());
                    INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10)) {
                leftOpen.computeGradient(x, y, new int[64]);
            }
            if (during.length > 0) {
                during[0] = NativeHeap.settledInUseBytes();
            }
            assertThat(run.openResources()).as("the network left open is the context's").isEqualTo(1);
            return leftOpen;
        }
    }

    @Test
    void theBackendLineAndTheProvenanceNameTheKernelsTheThreadsAndTheWaitPolicy() {
        String line;
        TrainingResult result;
        try (ComputeContext one = ComputeContext.open(ComputeOptions.DEFAULTS.withThreads(1))) {
            result = trainResidualNetwork();
            line = one.describe();
        }
        assertThat(line).contains("own passes, layer kernels on oneDNN (convolutions auto)").contains("1 thread (fixed")
            .contains("OMP_WAIT_POLICY=PASSIVE");
        assertThat(result.network().provenance().orElseThrow().backend()).isEqualTo(line);
        try (ComputeContext other = ComputeContext.open(ComputeOptions.DEFAULTS.withLayerKernels("libnd4j")
            .withConvolution("direct").withThreads(2))) {
            assertThat(other.kernels().oneDnn()).isFalse();
            assertThat(trainResidualNetwork().network().provenance().orElseThrow().backend())
                .contains("layer kernels on libnd4j [layer kernels on libnd4j, as asked (modeconn.onednn=false)]")
                .contains("2 threads (fixed");
        }
    }

    @Test
    void theContextOfARunIsTheOneOpenOnItsThreadAndClosingItUnbindsIt() throws Exception {
        ComputeContext outside = ComputeContext.current();
        try (ComputeContext run = ComputeContext.open(ComputeOptions.DEFAULTS.withThreads(1))) {
            assertThat(ComputeContext.current()).isSameAs(run);
            ComputeContext[] seen = new ComputeContext[2];
            Thread worker = new Thread(() -> {
                seen[0] = ComputeContext.current();
                try (ComputeContext.Binding b = run.bind()) {
                    seen[1] = ComputeContext.current();
                }
            });
            worker.start();
            worker.join();
            assertThat(seen[0]).as("another thread is not in the run unless handed the context").isSameAs(outside);
            assertThat(seen[1]).isSameAs(run);
        }
        assertThat(ComputeContext.current()).isSameAs(outside);
        assertThat(List.of(outside.options().threads())).containsExactly(2);
    }
}
