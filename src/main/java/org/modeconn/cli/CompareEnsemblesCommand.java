package org.modeconn.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleComparison;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compare-ensembles}: Ind, SSE and FGE at one and two budgets, the paper's table. */
@Command(name = "compare-ensembles", mixinStandardHelpOptions = true,
    description = "Compare ensembles of independently trained networks (Ind), Snapshot Ensembles (SSE) and FGE at "
        + "equal training budgets of 1B and 2B (B = the epochs of one training).")
final class CompareEnsemblesCommand implements Callable<Integer> {

    @Mixin
    AugmentationOption augment;

    @Mixin
    DataOptions data;

    @Mixin
    SparkOption spark;

    @Option(names = "--arch", defaultValue = "mlp:512,512", description = "Architecture (default ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--epochs", defaultValue = "20", description = "The budget B in epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "" + SgdSettings.LEARNING_RATE, description = "Learning rate of training and SSE (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--sse-cycles", defaultValue = "4", description = "SSE cycles per budget (default ${DEFAULT-VALUE}).")
    int sseCycles;

    @Option(names = "--fge-cycle-iterations", defaultValue = "0",
        description = "FGE cycle in iterations (default: half an epoch).")
    int fgeCycle;

    @Option(names = "--fge-start", defaultValue = "0.8",
        description = "The fraction of the budget after which FGE starts from the first network's checkpoint "
            + "(default ${DEFAULT-VALUE}, the paper's; 0.7 with --fge-cycle-iterations 32 beat the single network "
            + "on all three benchmark networks).")
    double fgeStart;

    @Option(names = "--batch", defaultValue = "" + SgdSettings.BATCH_SIZE, description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() {
        System.err.println("backend: " + ComputeContext.current().describe());
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        if (test == null) {
            throw new InvalidInputException("Comparing ensembles needs test data.",
                "Give --test (the embedded data brings its own test split).");
        }
        EnsembleComparison.Settings settings = new EnsembleComparison.Settings(epochs, new SgdSettings(lr,
            SgdSettings.MOMENTUM, false, SgdSettings.WEIGHT_DECAY), sseCycles, fgeCycle, SgdSettings.LEARNING_RATE,
            SgdSettings.FGE_LOW_RATE, batch, fgeStart, augment.augmentation());
        WorkRunner runner = spark.runner(new InProcessRunner(1), "compare-ensembles");
        List<EnsembleComparison.Row> rows;
        try {
            rows = EnsembleComparison.run(ArchitectureParser.parse(arch), train, test, settings, runner,
                System.err::println, new TerminalProgress(System.err, " ", 0));
        } finally {
            SparkOption.close(runner);
        }
        System.out.println("method  budget  members  test error  test NLL");
        for (EnsembleComparison.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-6s %5.0fB %8d %10.2f%% %9.4f%n", r.method(), r.budget(), r.members(),
                r.testErrorPercent(), r.testLoss());
        }
        return 0;
    }
}
