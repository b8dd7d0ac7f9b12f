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
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;

/** A trained network at a port (weights, BatchNorm statistics and, for checkpoints, momentum). */
public final class NetworkPortObject extends ModelPortObject<Network, NetworkPortObjectSpec> {

    /** The port type, registered in plugin.xml. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(NetworkPortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(NetworkPortObject.class, true);

    /** At execution: the network is written to {@code store} at once. */
    public NetworkPortObject(final NetworkPortObjectSpec spec, final Network network, final FileStore store)
        throws IOException {
        super(spec, network, store);
    }

    /** Writes {@code network} to a new file store of the executing node and describes it. */
    public static NetworkPortObject create(final Network network, final InputColumns columns, final ExecutionContext exec)
        throws IOException {
        return new NetworkPortObject(new NetworkPortObjectSpec(ModelDescription.of(network, columns)), network,
            exec.createFileStore("network"));
    }

    private NetworkPortObject(final NetworkPortObjectSpec spec) {
        super(spec);
    }

    @Override
    public NetworkPortObjectSpec getSpec() {
        return super.getSpec();
    }

    @Override
    protected void write(final Network model, final Path file) {
        NetworkFile.write(model, file);
    }

    @Override
    protected Network read(final Path file) {
        return NetworkFile.read(file);
    }

    /** Saves only a format marker: the weights are in the file store. */
    public static final class Serializer extends PortObjectSerializer<NetworkPortObject> {
        @Override
        public void savePortObject(final NetworkPortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            writeMarker(out);
        }

        @Override
        public NetworkPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            readMarker(in, NetworkPortObjectSpec.KIND);
            return new NetworkPortObject(specAs(spec, NetworkPortObjectSpec.class));
        }
    }
}
