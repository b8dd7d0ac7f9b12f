import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.FastGeometricEnsembling;
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.ensemble.SnapshotRecord;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;

/**
 * FGE within the benchmark's 20-epoch budget: the single network (epoch 20 of the benchmark's schedule)
 * against FGE from the same run's checkpoint after epoch E0, for the rest of the budget, on the embedded
 * MNIST-10k. Run from the project folder after {@code mvn package}:
 * {@code java -cp target/modeconn-cli.jar tools/FgeStudy.java ARCH SEED E0,E0,... CYCLE,CYCLE,... LR1,LR1,...}
 * with cycles written {@code e2} (2 epochs) or {@code i32} (32 iterations). One {@code RESULT} line per setting;
 * docs/benchmarks/2026-11-27-fge-study.md has a run.
 */
public class FgeStudy {

    private static final double LR2 = 0.0005;
    private static final int BUDGET = 20;

    public static void main(String[] args) {
        ComputeBackend.initialise();
        Dataset train = EmbeddedMnist.train();
        Dataset test = EmbeddedMnist.test();
        String arch = args[0];
        long seed = Long.parseLong(args[1]);
        int[] starts = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        String[] cycles = args[3].split(",");
        double[] lr1s = Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();

        Map<Integer, Network> checkpoints = new HashMap<>();
        double single = Double.NaN;
        for (int e0 : starts) {
            // the same seed gives the same run: its epoch-20 network is the single network every time
            TrainingResult r = EndpointTrainer.train(ArchitectureParser.parse(arch), train, test,
                TrainingSettings.benchmark(BUDGET, seed, e0), TrainingMonitor.NONE);
            single = r.finalTest().errorPercent();
            checkpoints.put(e0, r.checkpoint().orElseThrow());
        }
        System.out.printf("%s seed %d single %.2f%n", arch, seed, single);
        for (int e0 : starts) {
            for (String cycle : cycles) {
                for (double lr1 : lr1s) {
                    int epochs = BUDGET - e0;
                    int cycleEpochs = cycle.startsWith("e") ? Integer.parseInt(cycle.substring(1)) : 0;
                    int cycleIterations = cycle.startsWith("i") ? Integer.parseInt(cycle.substring(1)) : 0;
                    if (cycleEpochs > epochs) {
                        continue;
                    }
                    FgeSettings settings = new FgeSettings(epochs, cycleEpochs, cycleIterations, lr1, LR2, 0.9, 5e-4,
                        128, 1);
                    EnsembleRunResult fge = FastGeometricEnsembling.run(checkpoints.get(e0), train, test, settings,
                        TrainingMonitor.NONE);
                    double meanOwn = fge.snapshots().stream().mapToDouble(SnapshotRecord::testErrorPercent).average()
                        .orElse(Double.NaN);
                    System.out.printf("RESULT %s seed=%d start=%d cycle=%s lr1=%.3f snaps=%d single=%.2f fge=%.2f "
                        + "diff=%+.2f meanOwn=%.2f%n", arch, seed, e0, cycle, lr1, fge.snapshots().size(), single,
                        fge.ensembleTestError(), fge.ensembleTestError() - single, meanOwn);
                }
            }
        }
    }
}
