package org.modeconn.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutsideLoadTest {

    @TempDir
    Path dir;

    private static String stat(long busy, long idle) {
        // user nice system idle iowait irq softirq steal
        return "cpu  " + busy + " 0 0 " + idle + " 0 0 0 500\ncpu0 1 2 3 4\ncpu1 1 2 3 4\nintr 1 2\n";
    }

    private static String self(long user, long system) {
        return "4242 (java (odd) name) S 1 2 3 4 5 6 7 8 9 10 " + user + " " + system + " 0 0 20 0 30\n";
    }

    private OutsideLoad load(String stat, String self) throws IOException {
        Files.writeString(dir.resolve("stat"), stat);
        Files.writeString(dir.resolve("self"), self);
        return new OutsideLoad(dir.resolve("stat"), dir.resolve("self"));
    }

    private void write(String stat, String self) throws IOException {
        Files.writeString(dir.resolve("stat"), stat);
        Files.writeString(dir.resolve("self"), self);
    }

    @Test
    void theProcessFilesAreReadByTheirFields() {
        assertThat(OutsideLoad.machineTicks(stat(300, 100))).containsExactly(300, 400);
        assertThat(OutsideLoad.selfTicks(self(70, 5))).isEqualTo(75);
    }

    /** The busy cores seen on two cores after one second in which the machine and this process ran these ticks. */
    private int afterOneSecond(long busy, long idle, long selfTicks) throws IOException {
        OutsideLoad load = load(stat(0, 0), self(0, 0));
        assertThat(load.busyCores(0, 2)).as("no window yet").isZero();
        write(stat(busy, idle), self(selfTicks, 0));
        return load.busyCores(1_000_000_000L, 2);
    }

    @Test
    void anotherProgramBusyOnOneOfTwoCoresTakesOneCore() throws IOException {
        // over the window: 200 ticks of 2 cores; this process on both cores got 133, the other program 67
        assertThat(afterOneSecond(200, 0, 133)).isEqualTo(1);
    }

    @Test
    void thisProcessesOwnWorkIsNotCountedAsOutside() throws IOException {
        assertThat(afterOneSecond(195, 5, 195)).isZero();
    }

    @Test
    void noiseBelowHalfACoreLeavesTheCoreFree() throws IOException {
        // 40 of 200 ticks elsewhere: 0.4 of a core
        assertThat(afterOneSecond(140, 60, 100)).isZero();
    }

    @Test
    void aWindowShorterThanHalfASecondKeepsTheLastAnswerAndOneCoreIsAlwaysLeft() throws IOException {
        OutsideLoad load = load(stat(0, 0), self(0, 0));
        load.busyCores(0, 2);
        write(stat(200, 0), self(0, 0));
        assertThat(load.busyCores(1_000_000_000L, 2)).as("two cores busy elsewhere: one is still ours").isEqualTo(1);
        write(stat(200, 200), self(0, 0));
        assertThat(load.busyCores(1_200_000_000L, 2)).as("too short a window to look again").isEqualTo(1);
        assertThat(load.busyCores(2_000_000_000L, 2)).isZero();
    }

    @Test
    void aCoreTakenIsGivenBackOnlyWhenTheOtherProgramIsWellBelowIt() throws IOException {
        OutsideLoad load = load(stat(0, 0), self(0, 0));
        load.busyCores(0, 2);
        write(stat(200, 0), self(133, 0));
        assertThat(load.busyCores(1_000_000_000L, 2)).isEqualTo(1);
        // 40 of 200 ticks: 0.4 of a core, would round to none, but is not far enough below the core it had
        write(stat(400, 0), self(293, 0));
        assertThat(load.busyCores(2_000_000_000L, 2)).isEqualTo(1);
        // 20 of 200 ticks: 0.2 of a core
        write(stat(600, 0), self(473, 0));
        assertThat(load.busyCores(3_000_000_000L, 2)).isZero();
    }

    @Test
    void whereTheProcessMayUseOnlySomeOfTheCpusTheLoadIsNotMeasuredAndTheLineSaysSo() throws IOException {
        // two CPUs listed, four of them the process's: the machine's busy time cannot be split between them
        OutsideLoad load = load(stat(0, 0), self(0, 0));
        assertThat(load.busyCores(0, 4)).isZero();
        write(stat(200, 0), self(0, 0));
        assertThat(load.busyCores(1_000_000_000L, 4)).isZero();
        assertThat(load.whyUnmeasured()).contains("4 of the machine's 2 CPUs");
        assertThat(OutsideLoad.cpuCount(stat(0, 0))).isEqualTo(2);
    }
}
