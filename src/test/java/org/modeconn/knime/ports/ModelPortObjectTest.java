package org.modeconn.knime.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.knime.core.data.filestore.FileStorePortObject;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.NodeFixtures;

class ModelPortObjectTest {

    /** What KNIME does to a port object between two nodes: save spec and object, load both, attach the store. */
    private static NetworkPortObject roundTrip(final NetworkPortObject po) throws Exception {
        ByteArrayOutputStream specBytes = new ByteArrayOutputStream();
        try (PortObjectSpecZipOutputStream out = new PortObjectSpecZipOutputStream(specBytes)) {
            new NetworkPortObjectSpec.Serializer().savePortObjectSpec(po.getSpec(), out);
        }
        ByteArrayOutputStream objBytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = new PortObjectZipOutputStream(objBytes)) {
            new NetworkPortObject.Serializer().savePortObject(po, out, new ExecutionMonitor());
        }
        NetworkPortObjectSpec spec;
        try (PortObjectSpecZipInputStream in =
            new PortObjectSpecZipInputStream(new ByteArrayInputStream(specBytes.toByteArray()))) {
            spec = new NetworkPortObjectSpec.Serializer().loadPortObjectSpec(in);
        }
        NetworkPortObject copy;
        try (PortObjectZipInputStream in = new PortObjectZipInputStream(new ByteArrayInputStream(objBytes.toByteArray()))) {
            copy = new NetworkPortObject.Serializer().loadPortObject(in, spec, new ExecutionMonitor());
        }
        FileStorePortObject.subsetTransfer(po, copy);
        return copy;
    }

    @Test
    void serializerRoundTripIsBitExactAndLazy() throws Exception {
        NetworkPortObject po = NodeFixtures.first();
        NetworkPortObject copy = roundTrip(po);
        assertThat(copy.getSpec()).isEqualTo(po.getSpec());
        assertThat(copy.isLoaded()).as("weights are read on first use only").isFalse();
        assertThat(copy.getSummary()).isEqualTo(po.getSummary());
        Network a = po.model();
        Network b = copy.model();
        assertThat(copy.isLoaded()).isTrue();
        assertThat(b.parametersView()).containsExactly(a.parametersView());
        assertThat(b.momentum().orElseThrow()).containsExactly(a.momentum().orElseThrow());
        assertThat(b.spec()).isEqualTo(a.spec());
        assertThat(b.provenance().orElseThrow().seed()).isEqualTo(1);
    }

    @Test
    void specCarriesWhatConfigureNeedsAndTheUserSees() throws Exception {
        ModelDescription d = NodeFixtures.first().getSpec().description();
        assertThat(d.kind()).isEqualTo("network");
        assertThat(d.network().classNames()).hasSize(10);
        assertThat(d.trainableParameters()).isEqualTo(784 * 16 + 16 + 16 * 10 + 10);
        assertThat(d.columns().features()).hasSize(784);
        assertThat(d.provenance().backend()).isNotBlank();
        assertThat(ModelSummaryView.html(d)).contains("mlp").contains("label").contains("Seed");
        ModelDescription c = NodeFixtures.curve().getSpec().description();
        assertThat(c.curve().bends()).isEqualTo(3);
        assertThat(c.curve().fixedStart()).isTrue();
    }

    @Test
    void curvesRoundTripToo() throws Exception {
        CurvePortObject po = NodeFixtures.curve();
        ByteArrayOutputStream objBytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = new PortObjectZipOutputStream(objBytes)) {
            new CurvePortObject.Serializer().savePortObject(po, out, new ExecutionMonitor());
        }
        CurvePortObject copy;
        try (PortObjectZipInputStream in = new PortObjectZipInputStream(new ByteArrayInputStream(objBytes.toByteArray()))) {
            copy = new CurvePortObject.Serializer().loadPortObject(in, po.getSpec(), new ExecutionMonitor());
        }
        FileStorePortObject.subsetTransfer(po, copy);
        CurveModel a = po.model();
        CurveModel b = copy.model();
        for (int i = 0; i < a.bendCount(); i++) {
            assertThat(b.bendView(i)).containsExactly(a.bendView(i));
        }
    }

    @Test
    void aDamagedWeightsFileIsRefusedWithTheFix() throws Exception {
        NetworkPortObject fresh = NodeFixtures.first();
        NetworkPortObject copy = roundTrip(fresh);
        java.lang.reflect.Method m = FileStorePortObject.class.getDeclaredMethod("getFileStore", int.class);
        m.setAccessible(true);
        java.nio.file.Path file = ((org.knime.core.data.filestore.FileStore)m.invoke(copy, 0)).getFile().toPath();
        byte[] bytes = Files.readAllBytes(file);
        try {
            byte[] damaged = bytes.clone();
            damaged[damaged.length - 3] ^= 0x40;
            Files.write(file, damaged);
            assertThatThrownBy(copy::model).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checksum");
        } finally {
            Files.write(file, bytes);
        }
    }

    @Test
    void aWrongSavedEntryIsRefused() throws IOException {
        ByteArrayOutputStream objBytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = new PortObjectZipOutputStream(objBytes)) {
            out.putNextEntry(new java.util.zip.ZipEntry("other"));
            out.closeEntry();
        }
        assertThatThrownBy(() -> {
            try (PortObjectZipInputStream in =
                new PortObjectZipInputStream(new ByteArrayInputStream(objBytes.toByteArray()))) {
                new NetworkPortObject.Serializer().loadPortObject(in, NodeFixtures.first().getSpec(),
                    new ExecutionMonitor());
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("Re-execute the node");
    }
}
