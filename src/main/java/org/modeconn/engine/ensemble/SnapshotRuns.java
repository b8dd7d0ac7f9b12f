package org.modeconn.engine.ensemble;

import java.io.Serializable;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.SelfContainedWork;
import org.modeconn.engine.work.WorkPayload;
import org.modeconn.engine.work.WorkState;

/**
 * Snapshot Ensembles at several budgets as independent work: item k runs SSE for {@code (k + 1)·epochs} epochs and
 * {@code (k + 1)·cycles} cycles, and gives its ensemble's row of the comparison.
 */
final class SnapshotRuns implements SelfContainedWork<EnsembleComparison.Row> {

    private static final long serialVersionUID = 1L;

    private final transient ArchitectureSpec architecture;
    private final transient Dataset train;
    private final transient Dataset test;
    private final transient EnsembleComparison.Settings settings;
    private final transient int budgets;


    SnapshotRuns(ArchitectureSpec architecture, Dataset train, Dataset test, EnsembleComparison.Settings settings,
            int budgets) {
        this.architecture = architecture;
        this.train = train;
        this.test = test;
        this.settings = settings;
        this.budgets = budgets;
    }

    @Override
    public String name() {
        return "Snapshot Ensembles";
    }

    @Override
    public int count() {
        return budgets;
    }

    @Override
    public String items() {
        return "runs";
    }

    @Override
    public EnsembleComparison.Row compute(WorkState worker, int k, TrainingMonitor run) {
        int budget = k + 1;
        EnsembleRunResult sse = SnapshotEnsembling.run(architecture, train, test, budget * settings.epochs(),
            budget * settings.sseCyclesPerBudget(), settings.sgd(), settings.batchSize(), 3, settings.augmentation(),
            run);
        SnapshotRecord last = sse.snapshots().get(sse.snapshots().size() - 1);
        return new EnsembleComparison.Row("SSE", budget, sse.snapshots().size(), last.ensembleTestErrorPercent(),
            last.ensembleTestLoss());
    }

    @Override
    public double progressValue(EnsembleComparison.Row result) {
        return result.testLoss();
    }

    /** Where the bytes of the runs go when they are sent to another process. */
    private Object writeReplace() {
        return new Form(WorkPayload.write(out -> {
            out.json(architecture);
            out.dataset(train);
            out.dataset(test);
            out.json(settings);
            out.integer(budgets);
        }));
    }

    /** The runs as they travel. */
    private record Form(byte[] bytes) implements Serializable {
        private Object readResolve() {
            WorkPayload.Reader in = WorkPayload.read(bytes);
            return new SnapshotRuns(in.json(ArchitectureSpec.class), in.dataset(), in.dataset(),
                in.json(EnsembleComparison.Settings.class), in.integer());
        }
    }
}
