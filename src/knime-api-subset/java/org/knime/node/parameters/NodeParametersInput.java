package org.knime.node.parameters;

import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/** KNIME API subset: what a parameters class may know of the node's inputs. */
public interface NodeParametersInput {
    PortObjectSpec[] getInPortSpecs();

    Optional<PortObjectSpec> getInPortSpec(int portIndex);

    Optional<DataTableSpec> getInTableSpec(int portIndex);
}
