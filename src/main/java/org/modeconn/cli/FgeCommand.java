package org.modeconn.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.FastGeometricEnsembling;
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.ensemble.SnapshotRecord;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.report.FgePlot;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingDivergedException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fge}: Fast Geometric Ensembling from a trained network. */
@Command(name = "fge", mixinStandardHelpOptions = true,
    description = "Fast Geometric Ensembling: from a trained network (best a checkpoint with its optimiser state), "
        + "SGD with a short cyclical learning rate, a snapshot in the middle of each cycle, the snapshots' "
        + "softmax outputs averaged.")
final class FgeCommand implements Callable<Integer> {

    @Option(names = "--start", required = true, paramLabel = "A.net", description = "The network to start from.")
    Path start;

    @Mixin
    AugmentationOption augment;

    @Mixin
    DataOptions data;

    @Option(names = "--cycle", defaultValue = "2",
        description = "Cycle length in epochs (default ${DEFAULT-VALUE}); ignored with --cycle-iterations.")
    int cycle;

    @Option(names = "--cycle-iterations", defaultValue = "0", paramLabel = "N",
        description = "Cycle length in iterations (batches) instead: more, cheaper snapshots in the same budget.")
    int cycleIterations;

    @Option(names = "--lr1", defaultValue = "" + SgdSettings.LEARNING_RATE, description = "α1, the rate at the cycle's ends (default ${DEFAULT-VALUE}).")
    double lr1;

    @Option(names = "--lr2", defaultValue = "" + SgdSettings.FGE_LOW_RATE,
        description = "α2, the rate at the cycle's middle (default ${DEFAULT-VALUE}).")
    double lr2;

    @Option(names = "--epochs", defaultValue = "4", description = "FGE epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--momentum", defaultValue = "" + SgdSettings.MOMENTUM, description = "Momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--wd", defaultValue = "" + SgdSettings.WEIGHT_DECAY, description = "Weight decay (default ${DEFAULT-VALUE}).")
    double wd;

    @Option(names = "--batch", defaultValue = "" + SgdSettings.BATCH_SIZE, description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "E.ens", description = "Where to write the ensemble.")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the per-snapshot table here.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the FGE figure here.")
    Path plot;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Option(names = "--swa-out", paramLabel = "FILE", description = "Write the average of the snapshots' weights "
        + "(SWA, BatchNorm recomputed) here as a network file.")
    Path swaOut;

    @Override
    public Integer call() throws IOException {
        FgeSettings settings = new FgeSettings(epochs, cycleIterations > 0 ? 0 : cycle, cycleIterations, lr1, lr2,
            momentum, wd, batch, seed, augment.augmentation());
        System.err.println("backend: " + ComputeContext.current().describe());
        Network network = NetworkFile.read(start);
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        if (network.momentum().isEmpty()) {
            System.err.println("note: " + start + " has no optimiser state; FGE starts with zero momentum. Write a "
                + "checkpoint with train-endpoint --checkpoint-epoch to carry it over as the reference does.");
        }
        EnsembleRunResult r;
        try {
            r = FastGeometricEnsembling.run(network, train, test, settings,
                new TerminalProgress(System.err, "fge", epochs));
        } catch (TrainingDivergedException e) {
            throw keepSnapshots(e);
        }
        System.out.println(" snapshot  iteration        lr  own test err  ensemble test err  SWA test err");
        for (SnapshotRecord s : r.snapshots()) {
            System.out.printf(Locale.ROOT, "%9d %10d %9.6f %12.2f%% %17.2f%% %12.2f%%%n", s.index(), s.iteration(),
                s.learningRate(), s.testErrorPercent(), s.ensembleTestErrorPercent(), s.swaTestErrorPercent());
        }
        if (r.start() != null) {
            System.out.printf(Locale.ROOT, "start network %.2f%%, FGE ensemble of %d: %.2f%%, SWA: %.2f%%, %.1f s "
                + "(%.2f s/epoch)%n", r.start().errorPercent(), r.snapshots().size(), r.ensembleTestError(),
                r.swaTestError(), r.seconds(), r.seconds() / epochs);
        }
        if (swaOut != null && r.swa() != null) {
            NetworkFile.write(r.swa(), swaOut);
            System.err.println("SWA network written to " + swaOut);
        }
        if (out != null) {
            EnsembleFile.write(r.ensemble(), out);
            System.err.println("ensemble written to " + out);
        }
        if (csv != null) {
            writeCsv(r, csv);
        }
        if (plot != null) {
            FgePlot.write(r, plot);
        }
        if (summary != null) {
            ObjectNode s = Json.MAPPER.createObjectNode();
            if (r.start() != null) {
                s.put("single_test_error", r.start().errorPercent());
                s.put("ensemble_test_error", r.ensembleTestError());
                s.put("swa_test_error", r.swaTestError());
            }
            s.put("snapshot_count", r.snapshots().size());
            s.set("snapshots", Json.MAPPER.valueToTree(r.snapshots()));
            s.put("epochs", epochs);
            s.put("seconds", r.seconds());
            s.put("seconds_per_epoch", r.seconds() / epochs);
            s.put("backend", ComputeContext.current().describe());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    static void writeCsv(EnsembleRunResult r, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("snapshot,iteration,epoch,learning_rate,test_loss,test_error,ensemble_test_loss,"
                + "ensemble_test_error,swa_test_loss,swa_test_error\n");
            for (SnapshotRecord s : r.snapshots()) {
                w.write(String.format(Locale.ROOT, "%d,%d,%d,%.8f,%.6f,%.4f,%.6f,%.4f,%.6f,%.4f%n", s.index(),
                    s.iteration(), s.epoch(), s.learningRate(), s.testLoss(), s.testErrorPercent(), s.ensembleTestLoss(),
                    s.ensembleTestErrorPercent(), s.swaTestLoss(), s.swaTestErrorPercent()));
            }
        }
    }

    /** Writes the ensemble of the snapshots taken before a divergence beside --out, so that none is lost. */
    private InvalidInputException keepSnapshots(final TrainingDivergedException e) {
        var kept = e.lastGood(EnsembleRunResult.class);
        if (out == null || kept.isEmpty()) {
            return e;
        }
        Path file = out.resolveSibling(out.getFileName().toString().replaceFirst("(\\.ens)?$", "") + "-last-good.ens");
        EnsembleFile.write(kept.get().ensemble(), file);
        List<String> fixes = new ArrayList<>(e.resolutions());
        fixes.add("The ensemble of the " + kept.get().snapshots().size() + " snapshots taken before was written to "
            + file + ".");
        return new InvalidInputException(e.problem(), e, fixes.toArray(String[]::new));
    }
}
