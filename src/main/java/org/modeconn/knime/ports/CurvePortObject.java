package org.modeconn.knime.ports;

import java.io.IOException;
import java.nio.file.Path;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.io.CurveFile;

/** A fitted curve at a port: all its bends, the architecture of its points. */
public final class CurvePortObject extends ModelPortObject<CurveModel, CurvePortObjectSpec> {

    /** The port type, registered in plugin.xml. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(CurvePortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(CurvePortObject.class, true);

    /** At execution: the curve is written to {@code store} at once. */
    public CurvePortObject(final CurvePortObjectSpec spec, final CurveModel curve, final FileStore store)
        throws IOException {
        super(spec, curve, store);
    }

    /** Writes {@code curve} to a new file store of the executing node and describes it. */
    public static CurvePortObject create(final CurveModel curve, final InputColumns columns, final ExecutionContext exec)
        throws IOException {
        return new CurvePortObject(new CurvePortObjectSpec(ModelDescription.of(curve, columns)), curve,
            exec.createFileStore("curve"));
    }

    private CurvePortObject(final CurvePortObjectSpec spec) {
        super(spec);
    }

    @Override
    public CurvePortObjectSpec getSpec() {
        return super.getSpec();
    }

    @Override
    protected void write(final CurveModel model, final Path file) {
        CurveFile.write(model, file);
    }

    @Override
    protected CurveModel read(final Path file) {
        return CurveFile.read(file);
    }

    /** Saves only a format marker: the weights are in the file store. */
    public static final class Serializer extends PortObjectSerializer<CurvePortObject> {
        @Override
        public void savePortObject(final CurvePortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            writeMarker(out);
        }

        @Override
        public CurvePortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            readMarker(in, CurvePortObjectSpec.KIND);
            return new CurvePortObject(specAs(spec, CurvePortObjectSpec.class));
        }
    }
}
