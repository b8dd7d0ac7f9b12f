package org.modeconn.cli;

import java.util.concurrent.Callable;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.OutOfMemoryMessages;
import org.modeconn.engine.ToolVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar modeconn-cli.jar <command>}; every engine operation without KNIME. */
@Command(name = "modeconn", mixinStandardHelpOptions = true,
    version = "modeconn " + ToolVersion.VERSION + " (Deeplearning4j " + ToolVersion.DL4J + ")",
    description = "Mode connectivity of neural networks: train endpoints, fit and evaluate low-loss curves "
        + "between them, ensemble along them (FGE) and slice the loss surface.",
    subcommands = {TrainEndpointCommand.class, FitCurveCommand.class, EvaluateCurveCommand.class,
        CurvePointCommand.class, FgeCommand.class, PlaneCommand.class, PipelineCommand.class, PredictCommand.class,
        CompareEnsemblesCommand.class, ConnectivityCommand.class, AlignCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class ModeConnCli implements Callable<Integer> {

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
