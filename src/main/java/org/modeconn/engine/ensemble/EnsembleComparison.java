package org.modeconn.engine.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SeedTrainings;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;

/**
 * The paper's ensemble table at equal training budgets. A budget B is the epochs of one conventional
 * training. Ind: k networks trained independently (kB). SSE: M cosine cycles per budget from scratch,
 * a snapshot at each cycle's end. FGE: the first network's checkpoint after 0.8B (the paper's accounting;
 * settable), then cyclical SGD for the rest of the budget (0.2B at 1B, 1.2B at 2B), snapshots in the
 * middle of each cycle.
 */
public final class EnsembleComparison {

    /**
     * One line of the table.
     *
     * @param method Ind, SSE or FGE
     * @param budget in units of B
     * @param members ensemble size
     * @param testErrorPercent the ensemble's test error
     * @param testLoss the ensemble's test NLL
     */
    public record Row(String method, double budget, int members, double testErrorPercent, double testLoss)
            implements java.io.Serializable {
    }

    /**
     * What to compare.
     *
     * @param epochs B
     * @param sgd the conventional training's SGD (and SSE's base rate)
     * @param sseCyclesPerBudget SSE's cycles per budget
     * @param fgeCycleIterations FGE's cycle in iterations (0: half an epoch)
     * @param fgeLr1 α1
     * @param fgeLr2 α2
     * @param batchSize examples per batch
     * @param fgeStart the fraction of B after which FGE starts from the first network's checkpoint (the
     *        paper: 0.8)
     * @param augmentation what every method does to training images
     */
    public record Settings(int epochs, SgdSettings sgd, int sseCyclesPerBudget, int fgeCycleIterations, double fgeLr1,
            double fgeLr2, int batchSize, double fgeStart, Augmentation augmentation) {

        /** Validates the FGE start. */
        public Settings {
            if (!(fgeStart > 0 && fgeStart < 1)) {
                throw new InvalidInputException("FGE cannot start after " + fgeStart + " of the budget.",
                    "Give a fraction between 0 and 1, for example 0.8 (the paper's) or 0.7.");
            }
        }
    }

    private EnsembleComparison() {
    }

    /** Runs every method at 1B and 2B, one run at a time in this process; {@code log} hears one line per step. */
    public static List<Row> run(ArchitectureSpec arch, Dataset train, Dataset test, Settings s, Consumer<String> log,
            TrainingMonitor monitor) {
        return run(arch, train, test, s, new InProcessRunner(1), log, monitor);
    }

    /**
     * As {@link #run(ArchitectureSpec, Dataset, Dataset, Settings, Consumer, TrainingMonitor)}, the independent runs
     * (Ind's two trainings, SSE at the two budgets) where {@code runner} puts them; FGE starts from Ind's first
     * network's checkpoint, after them.
     */
    public static List<Row> run(ArchitectureSpec arch, Dataset train, Dataset test, Settings s, WorkRunner runner,
            Consumer<String> log, TrainingMonitor monitor) {
        int checkpoint = Math.min(s.epochs() - 1, Math.max(1, (int) Math.round(s.fgeStart() * s.epochs())));
        List<Row> rows = new ArrayList<>();
        log.accept("Ind: training two networks of " + s.epochs() + " epochs (" + runner.describe() + ")");
        List<SeedTrainings.Trained> trained = runner.run(new SeedTrainings(arch, train, null, conventional(s, 1,
            checkpoint), new long[] {1, 2}), monitor);
        TrainingResult first = trained.get(0).result();
        TrainingResult second = trained.get(1).result();
        try (BatchSource testData = BatchSource.of(NetworkInputs.align(first.network().spec(), test, "test data"),
                first.network().scaling())) {
            EnsembleAccumulator ind = new EnsembleAccumulator(testData);
            var single = ind.add(first.network());
            rows.add(new Row("Ind", 1, 1, single.errorPercent(), single.loss()));
            ind.add(second.network());
            var indTwo = ind.metrics();
            rows.add(new Row("Ind", 2, 2, indTwo.errorPercent(), indTwo.loss()));
        }

        log.accept("SSE at 1B and 2B: " + s.sseCyclesPerBudget() + " cycles in " + s.epochs() + " epochs, and twice "
            + "that");
        rows.addAll(runner.run(new SnapshotRuns(arch, train, test, s, 2), monitor));
        Network start = first.checkpoint().orElseThrow();
        int batches = (train.numExamples() + s.batchSize() - 1) / s.batchSize();
        int cycle = s.fgeCycleIterations() > 0 ? s.fgeCycleIterations() : Math.max(2, batches / 2);
        for (int budget = 1; budget <= 2; budget++) {
            int fgeEpochs = budget * s.epochs() - checkpoint;
            log.accept("FGE at " + budget + "B: " + fgeEpochs + " epochs from the checkpoint after epoch " + checkpoint);
            FgeSettings fge = new FgeSettings(fgeEpochs, 0, cycle, s.fgeLr1(), s.fgeLr2(), s.sgd().momentum(),
                s.sgd().weightDecay(), s.batchSize(), 1, s.augmentation());
            rows.add(row("FGE", budget, FastGeometricEnsembling.run(start, train, test, fge, monitor)));
        }
        return rows;
    }

    private static Row row(String method, double budget, EnsembleRunResult r) {
        SnapshotRecord last = r.snapshots().get(r.snapshots().size() - 1);
        return new Row(method, budget, r.snapshots().size(), last.ensembleTestErrorPercent(), last.ensembleTestLoss());
    }

    private static TrainingSettings conventional(Settings s, long seed, int checkpoint) {
        return new TrainingSettings(s.epochs(), s.batchSize(), s.sgd(), new LearningRateSchedule.Reference(), seed,
            FeatureScaling.Mode.AUTO, checkpoint, s.augmentation());
    }
}
