package org.modeconn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.Curve;
import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.SgdSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fit-curve}: finds a low-loss curve between two networks and writes it. */
@Command(name = "fit-curve", mixinStandardHelpOptions = true,
    description = "Fit a Bezier curve or polygonal chain of low loss between two trained networks.")
final class FitCurveCommand implements Callable<Integer> {

    @Option(names = "--start", required = true, paramLabel = "A.net", description = "The network at t = 0.")
    Path start;

    @Option(names = "--end", required = true, paramLabel = "B.net", description = "The network at t = 1.")
    Path end;

    @Mixin
    AugmentationOption augment;

    @Mixin
    DataOptions data;

    @Option(names = "--curve", defaultValue = "bezier", description = "bezier or polychain (default ${DEFAULT-VALUE}).")
    String curve;

    @Option(names = "--bends", defaultValue = "3",
        description = "Bends including both ends (default ${DEFAULT-VALUE}: the paper's curves).")
    int bends;

    @ArgGroup(exclusive = true)
    Ends ends = new Ends();

    static final class Ends {
        @Option(names = "--fix-ends", description = "Keep both ends at the two networks (the default).")
        boolean fix;

        @Option(names = "--free-ends", description = "Let the ends move too.")
        boolean free;
    }

    @Option(names = "--init-bend", paramLabel = "M.net",
        description = "Start a middle bend at this network instead of on the straight line; repeat once per middle "
            + "bend (n−2 times), in order.")
    List<Path> initBends = new ArrayList<>();

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "" + SgdSettings.CURVE_LEARNING_RATE, description = "Initial learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--wd", defaultValue = "" + SgdSettings.WEIGHT_DECAY,
        description = "Weight decay on the curve point (default ${DEFAULT-VALUE}).")
    double wd;

    @Option(names = "--momentum", defaultValue = "" + SgdSettings.MOMENTUM, description = "Momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--batch", defaultValue = "" + SgdSettings.BATCH_SIZE, description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--schedule", defaultValue = "reference", description = Schedules.HELP)
    String schedule;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "C.curve", description = "Where to write the curve.")
    Path out;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        CurveFitSettings settings = new CurveFitSettings(CurveType.parse(curve), bends, !ends.free, !ends.free, epochs,
            batch, new SgdSettings(lr, momentum, false, wd), Schedules.parse(schedule), seed, augment.augmentation());
        System.err.println("backend: " + ComputeContext.current().describe());
        Network a = NetworkFile.read(start);
        Network b = NetworkFile.read(end);
        Dataset train = data.loadTrain();
        System.err.println("train: " + train);
        if (data.test != null) {
            // the fit reads only the training data; what it reaches on test data is evaluate-curve's to say
            System.err.println("note: fit-curve does not use --test " + data.test + "; measure the curve on it with "
                + "evaluate-curve --curve " + out + " --test " + data.test);
        }
        System.err.println("curve: " + settings.type().label() + ", " + bends + " bends, "
            + (ends.free ? "free" : "fixed") + " ends, " + a.spec().architecture().describe());
        TerminalProgress progress = new TerminalProgress(System.err, "fit", epochs);
        CurveFitResult r;
        if (initBends.isEmpty()) {
            r = CurveFitter.fit(a, b, train, settings, progress);
        } else {
            List<Network> middle = new ArrayList<>();
            for (Path p : initBends) {
                middle.add(NetworkFile.read(p));
            }
            CurveModel initial = CurveModel.through(Curve.of(settings.type(), bends), a, middle, b);
            r = CurveFitter.fit(initial, a, b, train, settings, progress);
        }
        HistoryTable.print(System.out, r.history());
        System.out.printf(Locale.ROOT, "%.1f s (%.2f s/epoch)%n", r.seconds(), r.seconds() / epochs);
        CurveFile.write(r.curve(), out);
        System.err.println("curve written to " + out);
        if (summary != null) {
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("curve", settings.type().label());
            s.put("bends", bends);
            s.put("fixed_ends", !ends.free);
            s.put("epochs", epochs);
            s.put("seconds", r.seconds());
            s.put("seconds_per_epoch", r.seconds() / epochs);
            s.put("final_train_loss", r.history().get(r.history().size() - 1).trainLoss());
            s.put("backend", ComputeContext.current().describe());
            s.set("history", Json.MAPPER.valueToTree(r.history()));
            SummaryFiles.write(s, summary);
        }
        return 0;
    }
}
