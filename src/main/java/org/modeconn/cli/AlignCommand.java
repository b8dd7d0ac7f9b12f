package org.modeconn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.align.ActivationRepair;
import org.modeconn.engine.align.WeightMatcher;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.engine.train.TrainingMonitor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code align}: permutes one network's hidden units to match another's (weight matching). */
@Command(name = "align", mixinStandardHelpOptions = true,
    description = "Permute the hidden units of a network so that its weights match a reference network's (weight "
        + "matching, Git Re-Basin), without changing what it computes; then the line and the curves between the two "
        + "run through the same basin.")
final class AlignCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "A.net", description = "The reference network.")
    Path reference;

    @Option(names = "--net", required = true, paramLabel = "B.net", description = "The network to permute.")
    Path network;

    @Option(names = "--out", required = true, paramLabel = "B-aligned.net", description = "Where to write it.")
    Path out;

    @Option(names = "--max-sweeps", defaultValue = "" + AlignmentSettings.DEFAULT_MAX_SWEEPS,
        description = "At most this many sweeps over the permutations (default ${DEFAULT-VALUE}; matching stops "
            + "once a sweep changes nothing).")
    int maxSweeps;

    @Option(names = "--seed", defaultValue = "" + AlignmentSettings.DEFAULT_SEED,
        description = "Orders the permutations in each sweep (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--measure-lines", description = "Also measure the straight line from the reference to the "
        + "network before and after alignment on the data, and print both barriers.")
    boolean measureLines;

    @Option(names = "--repair", description = "Also measure the aligned line with REPAIR (Jordan et al. 2023): at "
        + "every point, each hidden layer's per-channel mean and deviation reset to the interpolation of the ends' "
        + "(networks without BatchNorm; implies --measure-lines).")
    boolean repair;

    @Option(names = "--points", defaultValue = "21",
        description = "With --measure-lines: points of t along each line (default ${DEFAULT-VALUE}).")
    int points;

    @Mixin
    DataOptions data;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one row per layer here.")
    Path csv;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        AlignmentSettings settings = new AlignmentSettings(maxSweeps, seed);
        measureLines |= repair;
        if (measureLines) {
            CurveEvaluator.requirePoints(points);
        }
        System.err.println("backend: " + ComputeContext.current().describe());
        Network a = NetworkFile.read(reference);
        Network b = NetworkFile.read(network);
        Alignment alignment = WeightMatcher.align(a, b, settings, new TrainingMonitor() {
            @Override
            public void onBatch(final double fraction, final int sweep, final int permutation, final double score,
                final double unused) {
                System.err.printf(Locale.ROOT, "\ralign: sweep %d, permutation %d", sweep, permutation);
            }
        });
        System.err.println();
        NetworkFile.write(alignment.aligned(), out);
        System.out.printf(Locale.ROOT, "%d permutations matched in %d sweeps%s; distance to the reference %.4f -> "
            + "%.4f%n", alignment.groups().size(), alignment.sweeps(), alignment.converged() ? ""
                : " (stopped at the limit)", AlignmentReport.totalDistance(alignment, false),
            AlignmentReport.totalDistance(alignment, true));
        var s = AlignmentReport.summary(alignment);
        if (measureLines) {
            Dataset train = data.loadTrain();
            Dataset test = data.loadTest();
            PathProfile before = line(a, b, train, test);
            PathProfile after = line(a, alignment.aligned(), train, test);
            System.out.printf(Locale.ROOT, "line barrier, train loss: %.4f -> %.4f%n", before.barrierTrainLoss(),
                after.barrierTrainLoss());
            s.put("line_barrier_train_loss_before", before.barrierTrainLoss());
            s.put("line_barrier_train_loss_after", after.barrierTrainLoss());
            if (before.hasTest()) {
                System.out.printf(Locale.ROOT, "line barrier, test error: %.2f -> %.2f points%n",
                    before.barrierTestError(), after.barrierTestError());
                s.put("line_barrier_test_error_before", before.barrierTestError());
                s.put("line_barrier_test_error_after", after.barrierTestError());
            }
            if (repair) {
                PathProfile repaired = ActivationRepair.of(a, alignment.aligned(), train).line(test, points,
                    TrainingMonitor.NONE);
                System.out.printf(Locale.ROOT, "line barrier with REPAIR, train loss: %.4f%n",
                    repaired.barrierTrainLoss());
                s.put("line_barrier_train_loss_repair", repaired.barrierTrainLoss());
                if (repaired.hasTest()) {
                    System.out.printf(Locale.ROOT, "line barrier with REPAIR, test error: %.2f points%n",
                        repaired.barrierTestError());
                    s.put("line_barrier_test_error_repair", repaired.barrierTestError());
                }
            }
        }
        System.err.println("aligned network written to " + out);
        if (csv != null) {
            AlignmentReport.writeCsv(alignment, csv);
        }
        if (summary != null) {
            s.put("backend", ComputeContext.current().describe());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    private PathProfile line(Network from, Network to, Dataset train, Dataset test) {
        return CurveEvaluator.line(from, to, train, test, points, TrainingMonitor.NONE);
    }
}
