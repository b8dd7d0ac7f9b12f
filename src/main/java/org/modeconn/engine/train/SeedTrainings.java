package org.modeconn.engine.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.ModelContainer;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.work.SelfContainedWork;
import org.modeconn.engine.work.WorkPayload;
import org.modeconn.engine.work.WorkState;

/**
 * Independent trainings of one endpoint setup from several seeds (the paper's Ind networks): item k trains with
 * {@code seeds[k]}, as {@code train-endpoint --seed} would, and gives the trained network and its figures.
 */
public final class SeedTrainings implements SelfContainedWork<SeedTrainings.Trained> {

    private static final long serialVersionUID = 1L;

    private final transient ArchitectureSpec architecture;
    private final transient Dataset train;
    private final transient Dataset test;
    private final transient TrainingSettings settings;
    private final transient long[] seeds;


    /**
     * One training's outcome, in the form it travels in: the networks as the bytes of their files.
     *
     * @param seed the seed
     * @param network the trained network's file bytes
     * @param checkpoint the checkpoint's file bytes, or null
     * @param history the epochs' figures as JSON
     * @param finalTrain the final train figures
     * @param finalTest the final test figures, or null
     * @param seconds how long it trained
     */
    public record Trained(long seed, byte[] network, byte[] checkpoint, String history, Metrics finalTrain,
            Metrics finalTest, double seconds) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The outcome as a training result. */
        public TrainingResult result() {
            try {
                List<EpochRecord> epochs = Json.MAPPER.readValue(history, new TypeReference<List<EpochRecord>>() { });
                return new TrainingResult(decode(network), Optional.ofNullable(checkpoint).map(Trained::decode),
                    epochs, finalTrain, finalTest, seconds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Network decode(byte[] bytes) {
            return NetworkFile.fromContainer(ModelContainer.decode(bytes, "training", NetworkFile.KIND), "training");
        }
    }

    /** Trainings of {@code architecture} with {@code settings}, once per seed (the settings' own seed is not used). */
    public SeedTrainings(ArchitectureSpec architecture, Dataset train, Dataset test, TrainingSettings settings,
            long[] seeds) {
        this.architecture = architecture;
        this.train = train;
        this.test = test;
        this.settings = settings;
        this.seeds = seeds.clone();
    }

    @Override
    public String name() {
        return "Trainings";
    }

    @Override
    public int count() {
        return seeds.length;
    }

    @Override
    public String items() {
        return "trainings";
    }

    @Override
    public Trained compute(WorkState worker, int k, TrainingMonitor run) {
        TrainingResult r = EndpointTrainer.train(architecture, train, test, settings.withSeed(seeds[k]), run);
        try {
            return new Trained(seeds[k], NetworkFile.toContainer(r.network()).toBytes(),
                r.checkpoint().map(c -> NetworkFile.toContainer(c).toBytes()).orElse(null),
                Json.MAPPER.writeValueAsString(r.history()), r.finalTrain(), r.finalTest(), r.seconds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public double progressValue(Trained result) {
        return result.finalTrain().loss();
    }

    /** Where the bytes of the trainings go when they are sent to another process. */
    private Object writeReplace() {
        return new Form(WorkPayload.write(out -> {
            out.json(architecture);
            out.dataset(train);
            out.dataset(test);
            out.json(settings);
            out.json(seeds);
        }));
    }

    /** The trainings as they travel. */
    private record Form(byte[] bytes) implements Serializable {
        private Object readResolve() {
            WorkPayload.Reader in = WorkPayload.read(bytes);
            ArchitectureSpec architecture = in.json(ArchitectureSpec.class);
            Dataset train = in.dataset();
            Dataset test = in.dataset();
            TrainingSettings settings = in.json(TrainingSettings.class);
            long[] seeds = in.json(long[].class);
            return new SeedTrainings(architecture, train, test, settings, seeds);
        }
    }
}
