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
import org.modeconn.engine.train.SeedTrainings;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train-endpoint}: trains one network from scratch and writes it (and a JSON summary); or, with
 * {@code --seeds}, one per seed.
 */
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

    @Option(names = "--seeds", paramLabel = "LIST", description = "Instead of --seed: one independent training per "
        + "seed (1-8, or 1,3,5), each written beside --out as NAME-seedS.net; with --spark, as Spark tasks.")
    String seeds;

    @Option(names = "--workers", paramLabel = "N", description = "With --seeds: trainings at once in this process "
        + "(default 1; each uses all its threads).")
    Integer workers;

    @Mixin
    SparkOption spark;

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
        if (seeds != null) {
            return trainSeeds(architecture, train, test, settings);
        }
        if (spark.asked() || workers != null) {
            throw new InvalidInputException("--spark and --workers run several trainings, and this is one.",
                "Give the seeds to train from with --seeds (for example --seeds 1-8).");
        }
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

    /** {@code --seeds}: one training per seed, where the runner puts them; a network file (and summary line) each. */
    private Integer trainSeeds(ArchitectureSpec architecture, Dataset train, Dataset test, TrainingSettings settings)
            throws IOException {
        long[] list = parseSeeds(seeds);
        if (out == null) {
            throw new InvalidInputException("--seeds writes one network per seed beside --out, which is missing.",
                "Add --out NAME.net: the networks become NAME-seed1.net, NAME-seed2.net, ….");
        }
        if (checkpointEpoch > 0 && checkpointOut == null) {
            throw new InvalidInputException("--checkpoint-epoch was given without --checkpoint-out.",
                "Add --checkpoint-out FILE to say where the checkpoints go (FILE-seedS.net each).");
        }
        WorkRunner runner = spark.runner(new InProcessRunner(workers == null ? 1 : workers), "train-endpoint");
        List<SeedTrainings.Trained> trained;
        try {
            System.err.println("trainings: " + runner.describe());
            trained = runner.run(new SeedTrainings(architecture, train, test, settings, list),
                new TerminalProgress(System.err, "trainings", 1));
        } finally {
            SparkOption.close(runner);
        }
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("architecture", architecture.describe());
        var rows = s.putArray("trainings");
        for (SeedTrainings.Trained t : trained) {
            TrainingResult r = t.result();
            Path file = besides(out, t.seed());
            NetworkFile.write(r.network(), file);
            if (checkpointOut != null && r.checkpoint().isPresent()) {
                NetworkFile.write(r.checkpoint().get(), besides(checkpointOut, t.seed()));
            }
            String hash = NetworkFile.weightsSha256(r.network());
            System.out.printf(Locale.ROOT, "seed %d: train error %.2f%%%s, %.1f s, weights_sha256 %s -> %s%n", t.seed(),
                r.finalTrain().errorPercent(), r.finalTest() != null ? String.format(Locale.ROOT, ", test error %.2f%%",
                    r.finalTest().errorPercent()) : "", r.seconds(), hash, file);
            ObjectNode row = rows.addObject();
            row.put("seed", t.seed());
            row.put("file", file.toString());
            row.put("train_error", r.finalTrain().errorPercent());
            if (r.finalTest() != null) {
                row.put("test_error", r.finalTest().errorPercent());
            }
            row.put("seconds", r.seconds());
            row.put("weights_sha256", hash);
        }
        if (summary != null) {
            s.put("backend", ComputeContext.current().describe());
            s.put("runner", runner.describe());
            s.put("train_data_sha256", train.fingerprint());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    /** NAME.net → NAME-seedS.net beside it. */
    private static Path besides(Path file, long seed) {
        return file.resolveSibling(file.getFileName().toString().replaceFirst("(\\.net)?$", "") + "-seed" + seed
            + ".net");
    }

    /** "1-8", "1,3,5" or a mix ("1-3,7"): the seeds, in order, each once. */
    static long[] parseSeeds(String text) {
        java.util.LinkedHashSet<Long> seen = new java.util.LinkedHashSet<>();
        try {
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).trim());
                    long to = Long.parseLong(p.substring(dash + 1).trim());
                    if (to < from || to - from >= 10_000) {
                        throw new NumberFormatException(p);
                    }
                    for (long v = from; v <= to; v++) {
                        seen.add(v);
                    }
                } else {
                    seen.add(Long.parseLong(p));
                }
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--seeds '" + text + "' is not a list of seeds.",
                "Give a range or a list: --seeds 1-8, --seeds 1,3,5, or --seeds 1-3,7.");
        }
        if (seen.isEmpty()) {
            throw new InvalidInputException("--seeds '" + text + "' names no seed.", "Give at least one seed.");
        }
        return seen.stream().mapToLong(Long::longValue).toArray();
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
