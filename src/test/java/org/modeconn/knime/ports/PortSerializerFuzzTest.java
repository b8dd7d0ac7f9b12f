package org.modeconn.knime.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever a saved workflow holds at a model port, loading it answers with data or an IOException. */
class PortSerializerFuzzTest {

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> value = Arbitraries.of("null", "1", "\"network\"", "\"curve\"", "[]", "{}",
            "{\"family\":\"mlp\",\"widths\":[4],\"batchNorm\":false}",
            "{\"architecture\":{\"family\":\"mlp\",\"widths\":[4],\"batchNorm\":false},\"inputFeatures\":2,"
                + "\"classNames\":[\"a\",\"b\"]}",
            "{\"features\":[\"x\",\"y\"],\"target\":\"t\"}", "{\"features\":[],\"target\":\"t\"}");
        Arbitrary<String> key = Arbitraries.of("kind", "network", "trainableParameters", "columns", "provenance",
            "curve", "ensemble");
        return Arbitraries.entries(key, value).list().ofMaxSize(7).map(es -> {
            StringBuilder s = new StringBuilder("{");
            es.forEach(e -> s.append(s.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":")
                .append(e.getValue()));
            return s.append('}').toString();
        });
    }

    @Property(tries = 300)
    void specsLoadOrFailWithAnIoException(@ForAll("json") final String content) throws IOException {
        byte[] zip = zip("model-description.json", content.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        try (PortObjectSpecZipInputStream in = new PortObjectSpecZipInputStream(new ByteArrayInputStream(zip))) {
            NetworkPortObjectSpec spec = new NetworkPortObjectSpec.Serializer().loadPortObjectSpec(in);
            assertThat(spec.description().kind()).isEqualTo("network");
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }

    @Property(tries = 200)
    void portObjectsLoadOrFailWithAnIoException(@ForAll @Size(max = 40) final byte[] content) throws Exception {
        byte[] zip = zip("model-port.json", content, false);
        try (PortObjectZipInputStream in = new PortObjectZipInputStream(new ByteArrayInputStream(zip))) {
            new CurvePortObject.Serializer().loadPortObject(in, null, new ExecutionMonitor());
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }

    private static byte[] zip(final String entry, final byte[] content, final boolean spec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = spec ? new PortObjectSpecZipOutputStream(bytes)
            : new PortObjectZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
