package org.modeconn.cli;

import java.util.concurrent.Callable;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.OutOfMemoryMessages;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command line: {@code java -jar modeconn-cli.jar <command>}; every engine operation without KNIME. */
@Command(name = "modeconn", mixinStandardHelpOptions = true,
    version = "modeconn " + ToolVersion.VERSION + " (Deeplearning4j " + ToolVersion.DL4J + ")",
    description = "Mode connectivity of neural networks: train endpoints, fit and evaluate low-loss curves "
        + "between them, ensemble along them (FGE) and slice the loss surface.",
    subcommands = {TrainEndpointCommand.class, FitCurveCommand.class, EvaluateCurveCommand.class,
        CurvePointCommand.class, FgeCommand.class, ImportOnnxCommand.class, ExportOnnxCommand.class, PlaneCommand.class, PipelineCommand.class, PredictCommand.class,
        CompareEnsemblesCommand.class, ConnectivityCommand.class, AlignCommand.class, MergeCommand.class,
        SharpnessCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class ModeConnCli implements Callable<Integer> {

    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT, description = "Native threads of each "
        + "run: 0 (default) shares the cores out between the runs in progress, and leaves those other programs keep "
        + "busy; a number fixes it.")
    Integer threads;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 done, 1 bad input, 2 usage, 130 cancelled. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ModeConnCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException bad) {
                return report(bad, commandLine);
            }
            if (ex instanceof OperationCancelledException) {
                commandLine.getErr().println("cancelled: " + ex.getMessage());
                return 130;
            }
            throw ex;
        });
        // every command computes in one context, opened here and closed when it ends
        cli.setExecutionStrategy(parseResult -> {
            ModeConnCli root = (ModeConnCli) parseResult.commandSpec().userObject();
            ComputeOptions options;
            try {
                options = ComputeOptions.fromSystem();
                options = root.threads == null ? options : options.withThreads(root.threads);
            } catch (InvalidInputException bad) {
                return report(bad, cli);
            }
            ComputeContext context = ComputeContext.open(options);
            try {
                int code = new CommandLine.RunLast().execute(parseResult);
                context.close();
                return code;
            } catch (RuntimeException | Error e) {
                // the command's own failure is what the user must see; one in freeing its memory comes with it
                try {
                    context.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return report(OutOfMemoryMessages.explain(e), cli);
        }
    }

    private static int report(InvalidInputException bad, CommandLine commandLine) {
        commandLine.getErr().println("error: " + bad.problem());
        for (String fix : bad.resolutions()) {
            commandLine.getErr().println("  fix: " + fix);
        }
        return 1;
    }
}
