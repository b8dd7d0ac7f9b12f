package org.modeconn.knime.ensembleloopend;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.workflow.LoopEndNode;
import org.knime.core.node.workflow.LoopStartNode;
import org.knime.core.node.workflow.LoopStartNodeTerminator;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.EnsemblePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;

/**
 * Ensemble Loop End's model: keeps each iteration's network and, when the loop start says the loop is done, gives
 * them as one ensemble. It has no settings.
 */
final class EnsembleLoopEndNodeModel extends NodeModel implements LoopEndNode {

    private final List<Network> m_members = new ArrayList<>();

    private ModelDescription m_first;

    EnsembleLoopEndNodeModel() {
        super(new PortType[] {NetworkPortObject.TYPE},
            new PortType[] {EnsemblePortObject.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        ModelDescription member = ((NetworkPortObjectSpec)inSpecs[0]).description();
        // The number of members is known only when the loop ends.
        return new PortObjectSpec[] {
            new EnsemblePortObjectSpec(ModelDescription.ofEnsemble(member, EnsembleModel.INDEPENDENT, null))};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        LoopStartNode start = getLoopStartNode();
        if (!(start instanceof LoopStartNodeTerminator terminator)) {
            throw NodeMessages.executionFailure(new InvalidInputException("Ensemble Loop End is not the end of a "
                + "loop whose start knows when it is done" + (start == null ? " (no loop start found)." : "."),
                "Put a loop start before the nodes that make the network (Table Row to Variable Loop Start over a "
                    + "table of seeds, or Counting Loop Start) and connect the network to this node."));
        }
        NetworkPortObject in = (NetworkPortObject)inObjects[0];
        ModelDescription d = in.getSpec().description();
        try {
            if (m_first == null) {
                m_first = d;
            } else {
                ModelTables.requireCompatible(m_first, d,
                    "Iteration " + (m_members.size() + 1) + "'s network and iteration 1's network");
            }
            m_members.add(in.model());
        } catch (InvalidInputException e) {
            throw NodeMessages.executionFailure(e);
        }
        exec.checkCanceled();
        if (!terminator.terminateLoop()) {
            exec.setMessage(m_members.size() + " member(s) collected");
            continueLoop();
            return new PortObject[1];
        }
        try {
            EnsembleModel ensemble = EnsembleModel.of(m_members, EnsembleModel.INDEPENDENT, null);
            return new PortObject[] {EnsemblePortObject.create(ensemble, m_first.columns(), exec)};
        } catch (InvalidInputException e) {
            throw NodeMessages.executionFailure(e);
        } finally {
            clear();
        }
    }

    private void clear() {
        m_members.clear();
        m_first = null;
    }

    @Override
    protected void reset() {
        clear();
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        // no settings
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) {
        // no settings
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) {
        // no settings
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // the ensemble is in the output port's file store
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // the ensemble is in the output port's file store
    }
}
