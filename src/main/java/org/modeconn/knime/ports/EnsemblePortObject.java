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
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.io.EnsembleFile;

/** An ensemble at a port: its member networks, averaged by their softmax outputs. */
public final class EnsemblePortObject extends ModelPortObject<EnsembleModel, EnsemblePortObjectSpec> {

    /** The port type, registered in plugin.xml. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(EnsemblePortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(EnsemblePortObject.class, true);

    /** At execution: the ensemble is written to {@code store} at once. */
    public EnsemblePortObject(final EnsemblePortObjectSpec spec, final EnsembleModel ensemble, final FileStore store)
        throws IOException {
        super(spec, ensemble, store);
    }

    /** Writes {@code ensemble} to a new file store of the executing node and describes it. */
    public static EnsemblePortObject create(final EnsembleModel ensemble, final InputColumns columns, final ExecutionContext exec)
        throws IOException {
        return new EnsemblePortObject(new EnsemblePortObjectSpec(ModelDescription.of(ensemble, columns)), ensemble,
            exec.createFileStore("ensemble"));
    }

    private EnsemblePortObject(final EnsemblePortObjectSpec spec) {
        super(spec);
    }

    @Override
    public EnsemblePortObjectSpec getSpec() {
        return super.getSpec();
    }

    @Override
    protected void write(final EnsembleModel model, final Path file) {
        EnsembleFile.write(model, file);
    }

    @Override
    protected EnsembleModel read(final Path file) {
        return EnsembleFile.read(file);
    }

    /** Saves only a format marker: the weights are in the file store. */
    public static final class Serializer extends PortObjectSerializer<EnsemblePortObject> {
        @Override
        public void savePortObject(final EnsemblePortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            writeMarker(out);
        }

        @Override
        public EnsemblePortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            readMarker(in, EnsemblePortObjectSpec.KIND);
            return new EnsemblePortObject(specAs(spec, EnsemblePortObjectSpec.class));
        }
    }
}
