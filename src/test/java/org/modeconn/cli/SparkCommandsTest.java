package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;

/** {@code --spark}: the commands' independent items as Spark tasks, with the figures of the in-process run. */
class SparkCommandsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void localSpark() {
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    @Test
    void aPlaneOnLocalSparkWritesTheGridOfTheInProcessRunByteForByte() throws IOException {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("vggbn:8,M/16"), 784,
            new org.modeconn.engine.data.ImageShape(1, 28, 28), EmbeddedMnist.train().classNames());
        Network n = new Network(spec, FeatureScaling.pixels(784), ParameterLayouts.layoutOf(spec).initialise(4), null,
            null);
        NetworkFile.write(n, dir.resolve("n.net"));
        String[] plane = {"plane", "--threads", "1", "--around", dir.resolve("n.net").toString(), "--grid", "3",
            "--train-subset", "300", "--reach", "0.5"};

        Run here = TrainEndpointCommandTest.run(with(plane, "--workers", "2", "--csv", dir.resolve("here.csv")
            .toString()));
        Run there = TrainEndpointCommandTest.run(with(plane, "--spark", "local[2]", "--csv", dir.resolve("there.csv")
            .toString(), "--summary", dir.resolve("there.json").toString()));

        assertThat(here.code()).as(here.err()).isZero();
        assertThat(there.code()).as(there.err()).isZero();
        assertThat(there.err()).contains("grid points: Spark ").contains("local[2]");
        assertThat(Files.readAllLines(dir.resolve("there.csv"))).hasSize(1 + 9)
            .isEqualTo(Files.readAllLines(dir.resolve("here.csv")));
        assertThat(Files.readString(dir.resolve("there.json"))).contains("\"runner\"").contains("Spark");
    }

    @Test
    void trainingsFromSeveralSeedsOnLocalSparkGiveTheInProcessNetworksBitForBit() throws IOException {
        String[] train = {"train-endpoint", "--threads", "1", "--arch", "mlp:16", "--epochs", "1", "--seeds", "3-4"};

        Run here = TrainEndpointCommandTest.run(with(train, "--workers", "2", "--out", dir.resolve("here.net")
            .toString()));
        Run there = TrainEndpointCommandTest.run(with(train, "--spark", "local[2]", "--out", dir.resolve("there.net")
            .toString(), "--summary", dir.resolve("seeds.json").toString()));

        assertThat(here.code()).as(here.err()).isZero();
        assertThat(there.code()).as(there.err()).isZero();
        for (int seed = 3; seed <= 4; seed++) {
            Network a = NetworkFile.read(dir.resolve("here-seed" + seed + ".net"));
            Network b = NetworkFile.read(dir.resolve("there-seed" + seed + ".net"));
            assertThat(NetworkFile.weightsSha256(b)).isEqualTo(NetworkFile.weightsSha256(a));
        }
        assertThat(NetworkFile.weightsSha256(NetworkFile.read(dir.resolve("here-seed3.net"))))
            .isNotEqualTo(NetworkFile.weightsSha256(NetworkFile.read(dir.resolve("here-seed4.net"))));
        assertThat(Files.readString(dir.resolve("seeds.json"))).contains("\"seed\" : 4").contains("Spark");
    }

    @Test
    void thePipelineOnLocalSparkWritesTheReportOfTheInProcessRun() throws IOException {
        String[] pipeline = {"pipeline", "--threads", "1", "--arch", "mlp:16", "--epochs", "2", "--fge-epochs", "1",
            "--curve-epochs", "1", "--points", "3", "--plane-grid", "3", "--plane-train-subset", "300"};

        Run here = TrainEndpointCommandTest.run(with(pipeline, "--out", dir.resolve("here").toString()));
        Run there = TrainEndpointCommandTest.run(with(pipeline, "--spark", "local[2]", "--out", dir.resolve("there")
            .toString()));

        assertThat(here.code()).as(here.err()).isZero();
        assertThat(there.code()).as(there.err()).isZero();
        assertThat(there.err()).contains("training endpoints 1 and 2").contains("local[2]");
        for (String table : new String[] {"curve.csv", "aligned-line.csv", "plane.csv", "random-directions.csv"}) {
            assertThat(Files.readAllLines(dir.resolve("there").resolve(table))).as(table)
                .isEqualTo(Files.readAllLines(dir.resolve("here").resolve(table)));
        }
        for (String net : new String[] {"endpoint-1.net", "endpoint-2.net", "endpoint-1-epoch1.net"}) {
            assertThat(NetworkFile.weightsSha256(NetworkFile.read(dir.resolve("there").resolve(net)))).as(net)
                .isEqualTo(NetworkFile.weightsSha256(NetworkFile.read(dir.resolve("here").resolve(net))));
        }
        assertThat(Files.readString(dir.resolve("there").resolve("summary.json"))).contains("\"runner\"")
            .contains("Spark");
        assertThat(Files.readString(dir.resolve("here").resolve("summary.json"))).contains("this process");
    }

    @Test
    void aListOfSeedsThatIsNoneIsRefusedWithTheForms() {
        Run r = TrainEndpointCommandTest.run("train-endpoint", "--seeds", "8-1", "--out", dir.resolve("n.net")
            .toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--seeds '8-1'").contains("--seeds 1-8");
    }

    @Test
    void sparkWithoutAMasterOutsideSparkSubmitSaysHowToGiveOne() {
        Run r = TrainEndpointCommandTest.run("plane", "--around", dir.resolve("missing.net").toString(), "--spark");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--spark without a master").contains("--spark local[2]");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
