package org.modeconn.knime.onnxreader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.onnx.OnnxReader;
import org.modeconn.engine.record.Json;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.WorkflowPaths;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.TableDatasets;

/**
 * ONNX Network Reader: a classifier from an ONNX file as a Network, its spec read from the file at configure
 * time; the columns it reads come from the file (as ONNX Network Writer stores them) or from the connected table.
 */
final class OnnxNetworkReaderNodeModel extends ModeConnNodeModel<OnnxNetworkReaderNodeParameters> {

    OnnxNetworkReaderNodeModel() {
        super(OnnxNetworkReaderNodeParameters.class);
    }

    /** The network and the columns it reads. */
    private record Read(Network network, InputColumns columns) {
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final OnnxNetworkReaderNodeParameters p)
        throws InvalidSettingsException {
        Read r = read(p, (DataTableSpec)in[0]);
        return new PortObjectSpec[] {new NetworkPortObjectSpec(ModelDescription.of(r.network(), r.columns()))};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final OnnxNetworkReaderNodeParameters p) throws Exception {
        exec.setMessage("Reading " + p.m_file);
        DataTableSpec table = in[0] == null ? null : ((org.knime.core.node.BufferedDataTable)in[0]).getDataTableSpec();
        Read r = read(p, table);
        return new PortObject[] {NetworkPortObject.create(r.network(), r.columns(), exec)};
    }

    private static Read read(final OnnxNetworkReaderNodeParameters p, final DataTableSpec table)
        throws InvalidSettingsException {
        Path file = WorkflowPaths.resolve(p.m_file, "ONNX file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The ONNX file " + file + " does not exist.", "Check the path (" + p.m_file
                + "); a relative path is read from the workflow folder.");
        } catch (IOException e) {
            throw new InvalidInputException("The ONNX file " + file + " cannot be read: " + e.getMessage(),
                "Check that the file is readable.");
        }
        String name = file.getFileName().toString();
        OnnxReader.Imported imported = OnnxReader.readWithMetadata(bytes, name, p.options());
        Network network = imported.network();
        InputColumns columns = columns(imported.metadata().get(InputColumns.ONNX_METADATA_KEY), table, p, network);
        return new Read(network, columns);
    }

    /** The columns named in the file, else those of the connected table. */
    private static InputColumns columns(final String stored, final DataTableSpec table,
        final OnnxNetworkReaderNodeParameters p, final Network network) {
        InputColumns columns;
        if (stored != null) {
            try {
                columns = Json.MAPPER.readValue(stored, InputColumns.class);
            } catch (IOException e) {
                throw new InvalidInputException("The ONNX file names its columns in a form that cannot be read: "
                    + e.getMessage(), "Write the file again with ONNX Network Writer.");
            }
        } else if (table != null) {
            columns = TableDatasets.trainingColumns(table, new String[0], p.m_targetColumn, p.m_imageColumn);
        } else {
            throw new InvalidInputException("The ONNX model does not name the table columns it reads (only files "
                + "written by ONNX Network Writer do).", "Connect a table with the columns the network reads (the "
                    + "data it will be applied to or trained on) to the optional input.");
        }
        int features = network.spec().inputFeatures();
        if (!columns.readsImages() && columns.features().size() != features) {
            throw new InvalidInputException("The ONNX model takes " + features + " input values, but "
                + columns.features().size() + " feature columns were found (" + columns.describeFeatures() + ").",
                "Connect a table whose numeric columns other than the target are exactly the model's inputs, or "
                    + "choose its image column.");
        }
        if (table != null) {
            ModelTables.check(table, ModelDescription.of(network, columns), false, "table");
        }
        return columns;
    }
}
