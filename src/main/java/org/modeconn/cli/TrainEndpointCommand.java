package org.modeconn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train-endpoint}: trains one network from scratch and writes it (and a JSON summary). */
@Command(name = "train-endpoint", mixinStandardHelpOptions = true,
    description = "Train a network from scratch with SGD; it becomes an endpoint of curves or the start of FGE.")
final class TrainEndpointCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--arch", defaultValue = "mlp:512,512", paramLabel = "ARCH",
        description = "The architecture, one of: " + ArchitectureParser.FORMS + ". Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "" + SgdSettings.LEARNING_RATE, description = "Initial learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--wd", defaultValue = "" + SgdSettings.WEIGHT_DECAY, description = "Weight decay (default ${DEFAULT-VALUE}).")
    double wd;

    @Option(names = "--momentum", defaultValue = "" + SgdSettings.MOMENTUM, description = "Momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--nesterov", description = "Use Nesterov momentum.")
    boolean nesterov;

    @Option(names = "--batch", defaultValue = "" + SgdSettings.BATCH_SIZE, description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--schedule", defaultValue = "reference", paramLabel = "SCHEDULE", description = Schedules.HELP)
    String schedule;

    @Mixin
    ScalingOption scaling;

    @Mixin
    AugmentationOption augment;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-epoch", defaultValue = "0", paramLabel = "EPOCH",
        description = "Also write the network after this epoch, with its optimiser state (FGE starts from it).")
    int checkpointEpoch;

    @Option(names = "--checkpoint-out", paramLabel = "FILE", description = "Where to write the checkpoint.")
    Path checkpointOut;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the trained network (.net).")
    Path out;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        ArchitectureSpec architecture = ArchitectureParser.parse(arch);
        TrainingSettings settings = new TrainingSettings(epochs, batch,
            new SgdSettings(lr, momentum, nesterov, wd), Schedules.parse(schedule), seed, scaling.mode(), checkpointEpoch,
            augment.augmentation());
        if (checkpointEpoch > 0 && checkpointOut == null) {
            throw new InvalidInputException("--checkpoint-epoch was given without --checkpoint-out.",
                "Add --checkpoint-out FILE to say where the checkpoint goes.");
        }
        System.err.println("backend: " + ComputeContext.current().describe());
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        System.err.println("train: " + train + (test != null ? "\ntest:  " + test : ""));
        System.err.println("architecture: " + architecture.describe());
        TrainingResult result;
        try {
            result = EndpointTrainer.train(architecture, train, test, settings,
                new TerminalProgress(System.err, "train", epochs));
        } catch (TrainingDivergedException e) {
            throw keepLastGood(e);
        }
        HistoryTable.print(System.out, result.history());
        String hash = NetworkFile.weightsSha256(result.network());
        System.out.printf(Locale.ROOT, "parameters %d, train error %.2f%%, %s%.1f s (%.2f s/epoch)%n",
            result.network().trainableParameterCount(), result.finalTrain().errorPercent(),
            result.finalTest() != null ? String.format(Locale.ROOT, "test error %.2f%%, ",
                result.finalTest().errorPercent()) : "",
            result.seconds(), result.seconds() / epochs);
        System.out.println("weights_sha256 " + hash);
        if (out != null) {
            NetworkFile.write(result.network(), out);
            System.err.println("network written to " + out);
        }
        if (checkpointOut != null && result.checkpoint().isPresent()) {
            NetworkFile.write(result.checkpoint().get(), checkpointOut);
            System.err.println("checkpoint (epoch " + checkpointEpoch + ") written to " + checkpointOut);
        }
        if (summary != null) {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("architecture", architecture.describe());
            if (result.finalTest() != null) {
                s.put("test_error", result.finalTest().errorPercent());
                s.put("test_loss", result.finalTest().loss());
            }
            s.put("train_loss", result.finalTrain().loss());
            s.put("train_error", result.finalTrain().errorPercent());
            s.put("epochs", epochs);
            s.put("seconds", result.seconds());
            s.put("seconds_per_epoch", result.seconds() / epochs);
            s.put("parameters", result.network().trainableParameterCount());
            s.put("backend", ComputeContext.current().describe());
            s.put("weights_sha256", hash);
            s.put("train_data_sha256", train.fingerprint());
            s.put("seed", seed);
            s.set("history", Json.MAPPER.valueToTree(result.history()));
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    /** Writes the last good network beside --out, so that a diverged run loses nothing it had learnt. */
    private InvalidInputException keepLastGood(TrainingDivergedException e) {
        if (out == null || e.lastGood().isEmpty()) {
            return e;
        }
        String name = out.getFileName().toString().replaceFirst("(\\.net)?$", "");
        Path kept = out.resolveSibling(name + "-last-good.net");
        NetworkFile.write(e.lastGood().get(), kept);
        List<String> fixes = new java.util.ArrayList<>(e.resolutions());
        fixes.add("The network after the last complete epoch was written to " + kept + ".");
        return new InvalidInputException(e.problem(), e, fixes.toArray(String[]::new));
    }
}
