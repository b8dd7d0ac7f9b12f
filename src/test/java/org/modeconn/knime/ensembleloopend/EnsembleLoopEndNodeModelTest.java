package org.modeconn.knime.ensembleloopend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.LoopStartNode;
import org.knime.core.node.workflow.LoopStartNodeTerminator;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.EnsemblePortObjectSpec;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.ports.NetworkPortObject;

class EnsembleLoopEndNodeModelTest {

    /** A loop start that ends its loop after {@code iterations} executions of the loop end. */
    private static final class CountingStart implements LoopStartNodeTerminator {
        private final int m_iterations;

        private int m_done;

        CountingStart(final int iterations) {
            m_iterations = iterations;
        }

        void iterationDone() {
            m_done++;
        }

        @Override
        public boolean terminateLoop() {
            return m_done + 1 >= m_iterations;
        }
    }

    private static PortObject[] runLoop(final EnsembleLoopEndNodeModel model, final List<NetworkPortObject> networks)
        throws Exception {
        CountingStart start = new CountingStart(networks.size());
        model.subsetSetLoopStartNode(start);
        PortObject[] out = null;
        for (int i = 0; i < networks.size(); i++) {
            out = model.execute(new PortObject[] {networks.get(i)}, new ExecutionContext());
            boolean last = i == networks.size() - 1;
            assertThat(model.subsetTakeLoopContinued()).as("iteration " + (i + 1) + " continues the loop")
                .isEqualTo(!last);
            if (!last) {
                assertThat(out).containsOnlyNulls();
            }
            start.iterationDone();
        }
        return out;
    }

    @Test
    void collectsEveryIterationsNetworkInOrderAsAnIndependentEnsemble() throws Exception {
        List<NetworkPortObject> nets = List.of(NodeFixtures.first(), NodeFixtures.second(), NodeFixtures.midpoint());
        EnsembleLoopEndNodeModel model = new EnsembleLoopEndNodeModel();
        PortObjectSpec[] specs = model.configure(new PortObjectSpec[] {nets.get(0).getSpec()});
        assertThat(((EnsemblePortObjectSpec)specs[0]).description().ensemble().method())
            .isEqualTo(EnsembleModel.INDEPENDENT);

        EnsemblePortObject out = (EnsemblePortObject)runLoop(model, nets)[0];
        EnsembleModel ensemble = out.model();
        assertThat(ensemble.size()).isEqualTo(3);
        assertThat(ensemble.method()).isEqualTo(EnsembleModel.INDEPENDENT);
        for (int i = 0; i < 3; i++) {
            assertThat(ensemble.memberView(i)).as("member " + (i + 1)).containsExactly(nets.get(i).model().parametersView());
        }
        assertThat(out.getSpec().description().columns()).isEqualTo(NodeFixtures.mnistColumns());
        assertThat(out.getSpec().description().ensemble().members()).isEqualTo(3);

        // Run again (KNIME re-executes a loop after a reset): nothing of the first run is left over.
        model.reset();
        EnsembleModel again = ((EnsemblePortObject)runLoop(model, nets.subList(0, 2))[0]).model();
        assertThat(again.size()).isEqualTo(2);
    }

    @Test
    void aLoopOfOneIterationGivesAnEnsembleOfOne() throws Exception {
        EnsembleModel one = ((EnsemblePortObject)runLoop(new EnsembleLoopEndNodeModel(),
            List.of(NodeFixtures.first()))[0]).model();
        assertThat(one.size()).isEqualTo(1);
    }

    @Test
    void withoutALoopStartItSaysWhereToPutOne() {
        EnsembleLoopEndNodeModel model = new EnsembleLoopEndNodeModel();
        assertThatThrownBy(() -> model.execute(new PortObject[] {NodeFixtures.first()}, new ExecutionContext()))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("not the end of a loop")
            .hasMessageContaining("no loop start found");
        model.subsetSetLoopStartNode(new LoopStartNode() {
        });
        assertThatThrownBy(() -> model.execute(new PortObject[] {NodeFixtures.first()}, new ExecutionContext()))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("not the end of a loop");
    }

    @Test
    void anIterationWhoseNetworkReadsOtherColumnsFailsNamingIt() throws Exception {
        NetworkPortObject other = NetworkPortObject.create(NodeFixtures.second().model(),
            new InputColumns(NodeFixtures.mnistColumns().features(), "digit"), new ExecutionContext());
        EnsembleLoopEndNodeModel model = new EnsembleLoopEndNodeModel();
        assertThatThrownBy(() -> runLoop(model, List.of(NodeFixtures.first(), other)))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("Iteration 2's network")
            .hasMessageContaining("different columns");
    }
}
