package org.modeconn.knime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnDomainCreator;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.knime.fge.FgeEnsembleNodeFactory;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.EnsemblePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.predictor.EnsemblePredictorNodeFactory;
import org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory;

/**
 * Train Endpoint and FGE Ensemble say what they will output before they run, so that the nodes after them
 * configure: the network's spec when the class column's domain lists the classes, the ensemble's with the
 * member count its settings give.
 */
class SpecsAtConfigureTest {

    /** MNIST rows with the class as a string column whose domain lists the ten digits. */
    private static BufferedDataTable withStringClasses(BufferedDataTable digits) {
        return withStringClasses(digits, 10);
    }

    /** The same, keeping only the rows of the digits below {@code below} (the domain still lists all ten). */
    private static BufferedDataTable withStringClasses(BufferedDataTable digits, int below) {
        DataTableSpec in = digits.getDataTableSpec();
        Set<DataCell> classes = new LinkedHashSet<>();
        for (int c = 9; c >= 0; c--) {
            classes.add(new StringCell(Integer.toString(c)));
        }
        DataColumnSpecCreator label = new DataColumnSpecCreator("label", StringCell.TYPE);
        label.setDomain(new DataColumnDomainCreator(classes).createDomain());
        List<DataColumnSpec> cols = new ArrayList<>(List.of(label.createSpec()));
        for (int j = 1; j < in.getNumColumns(); j++) {
            cols.add(in.getColumnSpec(j));
        }
        List<DataCell[]> rows = new ArrayList<>();
        try (CloseableRowIterator it = digits.iterator()) {
            while (it.hasNext()) {
                DataRow r = it.next();
                if (((IntValue)r.getCell(0)).getIntValue() >= below) {
                    continue;
                }
                DataCell[] cells = new DataCell[in.getNumColumns()];
                cells[0] = new StringCell(Integer.toString(((IntValue)r.getCell(0)).getIntValue()));
                for (int j = 1; j < cells.length; j++) {
                    cells[j] = r.getCell(j);
                }
                rows.add(cells);
            }
        }
        return KnimeTables.of(new DataTableSpec(cols.toArray(DataColumnSpec[]::new)), rows);
    }

    @Test
    void theNetworkAndEnsembleSpecsAreKnownBeforeTheyRunAndAreWhatTheyGive() throws Exception {
        BufferedDataTable train = withStringClasses(KnimeTables.mnistTrain(200));
        ModeConnNodeModel<?> endpoint = NodeHarness.model(new TrainEndpointNodeFactory());
        NodeSettings e = NodeHarness.save(endpoint);
        e.addInt("epochs", 2);
        NodeHarness.load(endpoint, e);
        PortObjectSpec[] specs = NodeHarness.configure(endpoint, train.getDataTableSpec(), null);
        assertThat(NodeHarness.warning(endpoint)).isNull();
        ModelDescription before = ((NetworkPortObjectSpec)specs[0]).description();
        assertThat(before.network().classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(before.network().featureNames()).hasSize(784).startsWith("px0");

        NetworkPortObject network = (NetworkPortObject)NodeHarness.execute(endpoint, new ExecutionContext(), train,
            null)[0];
        ModelDescription after = network.getSpec().description();
        assertThat(after.network()).isEqualTo(before.network());
        assertThat(after.trainableParameters()).isEqualTo(before.trainableParameters());
        assertThat(after.columns()).isEqualTo(before.columns());

        // FGE, configured from the spec Train Endpoint gave before it ran, promises as many members as it makes.
        ModeConnNodeModel<?> fge = NodeHarness.model(new FgeEnsembleNodeFactory());
        NodeSettings f = NodeHarness.save(fge);
        f.addInt("epochs", 4);
        f.addInt("cycleLength", 2);
        f.addString("cycleUnit", "EPOCHS");
        NodeHarness.load(fge, f);
        ModelDescription promised = ((EnsemblePortObjectSpec)NodeHarness.configure(fge, specs[0],
            train.getDataTableSpec(), null)[0]).description();
        assertThat(promised.ensemble().members()).isEqualTo(2);
        EnsemblePortObject ensemble = (EnsemblePortObject)NodeHarness.execute(fge, new ExecutionContext(), network,
            train, null)[0];
        assertThat(ensemble.model().size()).isEqualTo(promised.ensemble().members());
        assertThat(ensemble.getSpec().description().network()).isEqualTo(promised.network());

        // ... and Ensemble Predictor configures from the promise, before anything has run.
        PortObjectSpec[] predicted = NodeHarness.configure(NodeHarness.model(new EnsemblePredictorNodeFactory()),
            null, new EnsemblePortObjectSpec(promised), train.getDataTableSpec());
        assertThat(((DataTableSpec)predicted[0]).getNumColumns()).isGreaterThan(train.getDataTableSpec()
            .getNumColumns());

        // With the cycle in iterations the count follows the table's length: promised as unknown.
        f.addString("cycleUnit", "ITERATIONS");
        NodeHarness.load(fge, f);
        assertThat(((EnsemblePortObjectSpec)NodeHarness.configure(fge, specs[0], train.getDataTableSpec(), null)[0])
            .description().ensemble().members()).isNull();
    }

    @Test
    void integerClassesWithoutADomainAreKnownOnExecutionAndAreNoWarning() throws Exception {
        // KNIME lists no values in an integer column's domain (MNIST's label): the network's spec is then known once
        // the node has run, and the nodes after it configure then. That is KNIME's ordinary flow, not a warning.
        BufferedDataTable train = KnimeTables.mnistTrain(200);
        assertThat(train.getDataTableSpec().getColumnSpec("label").getDomain().hasValues()).isFalse();
        ModeConnNodeModel<?> endpoint = NodeHarness.model(new TrainEndpointNodeFactory());
        NodeSettings e = NodeHarness.save(endpoint);
        e.addInt("epochs", 1);
        NodeHarness.load(endpoint, e);
        PortObjectSpec[] specs = NodeHarness.configure(endpoint, train.getDataTableSpec(), null);
        assertThat(specs[0]).isNull();
        assertThat(NodeHarness.warning(endpoint)).isNull();
        NetworkPortObject network = (NetworkPortObject)NodeHarness.execute(endpoint, new ExecutionContext(), train,
            null)[0];
        assertThat(NodeHarness.warning(endpoint)).isNull();
        assertThat(network.getSpec().description().network().classNames()).hasSize(10);
    }

    @Test
    void aClassTheDomainListsWithoutRowsKeepsItsOutputAndIsNamed() throws Exception {
        BufferedDataTable train = withStringClasses(KnimeTables.mnistTrain(200), 5);
        ModeConnNodeModel<?> endpoint = NodeHarness.model(new TrainEndpointNodeFactory());
        NodeSettings e = NodeHarness.save(endpoint);
        e.addInt("epochs", 1);
        NodeHarness.load(endpoint, e);
        ModelDescription promised = ((NetworkPortObjectSpec)NodeHarness.configure(endpoint,
            train.getDataTableSpec(), null)[0]).description();
        NetworkPortObject network = (NetworkPortObject)NodeHarness.execute(endpoint, new ExecutionContext(), train,
            null)[0];
        assertThat(network.getSpec().description().network().classNames())
            .isEqualTo(promised.network().classNames()).hasSize(10);
        assertThat(NodeHarness.warning(endpoint)).contains("5, 6, 7, 8, 9").contains("Domain Calculator");
    }
}
