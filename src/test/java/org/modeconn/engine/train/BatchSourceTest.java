package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.backend.NativeArrays;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.nd4j.linalg.api.buffer.DataBuffer;

/** A batch source's copy of the data on the device belongs to its run and is freed when it closes. */
class BatchSourceTest {

    private static final Dataset DATA = EmbeddedMnist.test().head(64);

    @Test
    void closingFreesTheDataItCopiedThoughItsArraysAreViews() {
        DataBuffer features;
        DataBuffer oneHot;
        try (BatchSource source = BatchSource.of(DATA, FeatureScaling.pixels(DATA.numFeatures()))) {
            features = NativeArrays.allocation(source.features());
            oneHot = NativeArrays.allocation(source.slice(0, 8).oneHot());
            assertThat(features.wasClosed()).isFalse();
        }
        // ND4J's close() of a reshaped view frees nothing: without the allocation freed, a collection would be needed
        assertThat(features.wasClosed()).isTrue();
        assertThat(oneHot.wasClosed()).isTrue();
    }

    @Test
    void aSourceLeftOpenIsFreedWithItsRunsContext() {
        DataBuffer features;
        try (ComputeContext run = ComputeContext.open(ComputeOptions.DEFAULTS.withThreads(1))) {
            BatchSource leftOpen = BatchSource.of(DATA, FeatureScaling.pixels(DATA.numFeatures()));
            features = NativeArrays.allocation(leftOpen.features());
            assertThat(run.openResources()).isEqualTo(1);
        }
        assertThat(features.wasClosed()).isTrue();
    }
}
