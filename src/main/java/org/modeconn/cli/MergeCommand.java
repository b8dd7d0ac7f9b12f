package org.modeconn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleAccumulator;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.merge.MergeResult;
import org.modeconn.engine.merge.MergeSettings;
import org.modeconn.engine.merge.NetworkMerger;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code merge} command: one network from several by aligning them to the first and averaging their weights. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merges networks of one architecture into one (model soup): aligns each to the first by weight "
        + "matching, averages the weights (all of them, or with --greedy only those that do not raise the held-out "
        + "error), recomputes BatchNorm on the training data. Prints each member's, the ensemble's and the merged "
        + "network's test figures.")
final class MergeCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Inputs inputs;

    /** Networks, or an ensemble's members. */
    static final class Inputs {
        @Option(names = "--networks", arity = "2..*", paramLabel = "N.net", description = "The networks (two or more).")
        List<Path> networks;

        @Option(names = "--ensemble", paramLabel = "E.ens", description = "Instead: an ensemble, whose members are merged.")
        Path ensemble;
    }

    @Option(names = "--greedy", description = "Greedy soup: add members best held-out error first, each kept only if "
        + "the held-out error does not rise.")
    boolean greedy;

    @Option(names = "--repair", description = "REPAIR the average (networks without BatchNorm): each hidden layer's "
        + "per-channel mean and deviation reset to the mean of the members'.")
    boolean repair;

    @Option(names = "--held-out-rows", paramLabel = "N", description = "With --greedy: the first N rows of the test "
        + "data choose the members and the other rows give the test figures (default: half of the test data).")
    Integer heldOutRows;

    @Option(names = "--max-sweeps", defaultValue = "" + AlignmentSettings.DEFAULT_MAX_SWEEPS, paramLabel = "N",
        description = "Weight matching: at most this many sweeps (default ${DEFAULT-VALUE}).")
    int maxSweeps;

    @Option(names = "--out", required = true, paramLabel = "M.net", description = "Where to write the merged network.")
    Path out;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws IOException {
        System.err.println("backend: " + ComputeContext.current().describe());
        List<Network> networks = new ArrayList<>();
        if (inputs.ensemble != null) {
            networks.addAll(EnsembleFile.read(inputs.ensemble).members());
        } else {
            for (Path p : inputs.networks) {
                networks.add(NetworkFile.read(p));
            }
        }
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        Dataset heldOut = null;
        if (greedy) {
            if (test == null) {
                throw new InvalidInputException("A greedy merge chooses its members on held-out rows of the test data, "
                    + "but there is no test data.", "Give --test, or merge uniformly (without --greedy).");
            }
            int rows = heldOutRows == null ? test.numExamples() / 2 : heldOutRows;
            if (rows < 1 || rows >= test.numExamples()) {
                throw new InvalidInputException("--held-out-rows " + rows + " leaves no rows to choose with or none to "
                    + "test on: the test data has " + test.numExamples() + " rows.",
                    "Give between 1 and " + (test.numExamples() - 1) + ".");
            }
            int[] first = new int[rows];
            int[] rest = new int[test.numExamples() - rows];
            Arrays.setAll(first, i -> i);
            Arrays.setAll(rest, i -> rows + i);
            heldOut = test.subset(first);
            test = test.subset(rest);
        }
        MergeSettings settings = new MergeSettings(greedy, repair,
            new AlignmentSettings(maxSweeps, AlignmentSettings.DEFAULT_SEED));
        MergeResult result = NetworkMerger.merge(networks, train, heldOut, settings,
            new TerminalProgress(System.err, "steps", 1));
        NetworkFile.write(result.merged(), out);
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("members", networks.size());
        s.put("merged_members", result.includedCount());
        s.put("greedy", greedy);
        s.put("repair", repair);
        if (test != null) {
            Dataset t = NetworkInputs.align(networks.get(0).spec(), test, "test data");
            ArrayNode each = s.putArray("member_test_error");
            try (BatchSource source = BatchSource.of(t, networks.get(0).scaling())) {
                EnsembleAccumulator ensemble = new EnsembleAccumulator(source);
                for (int i = 0; i < networks.size(); i++) {
                    Metrics own = ensemble.add(networks.get(i));
                    each.add(own.errorPercent());
                    System.out.printf(Locale.ROOT, "member %d: test error %.2f%%%s%n", i + 1, own.errorPercent(),
                        result.members().get(i).included() ? "" : " (left out)");
                }
                s.put("ensemble_test_error", ensemble.errorPercent());
                Metrics merged = evaluate(result.merged(), source);
                System.out.printf(Locale.ROOT, "ensemble of %d: test error %.2f%%%n", networks.size(),
                    ensemble.errorPercent());
                System.out.printf(Locale.ROOT, "merged (%s%s, %d of %d): test error %.2f%%, loss %.4f%n",
                    greedy ? "greedy" : "uniform", repair ? ", REPAIR" : "", result.includedCount(), networks.size(),
                    merged.errorPercent(), merged.loss());
                s.put("merged_test_error", merged.errorPercent());
                s.put("merged_test_loss", merged.loss());
                s.put("test_rows", t.numExamples());
            }
        }
        System.err.println("merged network written to " + out);
        if (summary != null) {
            s.put("backend", ComputeContext.current().describe());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    private static Metrics evaluate(Network n, BatchSource data) {
        try (ExecutableNetwork net = ExecutableNetwork.of(n)) {
            return NetworkEvaluator.evaluate(net, data);
        }
    }
}
