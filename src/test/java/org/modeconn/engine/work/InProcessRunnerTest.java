package org.modeconn.engine.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.train.TrainingMonitor;

class InProcessRunnerTest {

    /** Item k is k squared; the run's monitor is asked after each. */
    private record Squares(int count, String items) implements SelfContainedWork<Integer> {
        @Override
        public String name() {
            return "Squares";
        }

        @Override
        public Integer compute(WorkState worker, int index, TrainingMonitor run) {
            return index * index;
        }
    }

    @Test
    void theResultsComeInItemOrderWhateverTheWorkers() {
        List<Integer> results = new InProcessRunner(3).run(new Squares(50, "squares"), TrainingMonitor.NONE);

        assertThat(results).hasSize(50);
        for (int k = 0; k < 50; k++) {
            assertThat(results.get(k)).isEqualTo(k * k);
        }
    }

    @Test
    void aCancelledRunStopsAndNamesItsItems() {
        AtomicBoolean cancelled = new AtomicBoolean();
        TrainingMonitor monitor = new TrainingMonitor() {
            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };

        assertThatThrownBy(() -> new InProcessRunner(1).run(new Squares(50, "pairs"), monitor))
            .isInstanceOf(OperationCancelledException.class).hasMessageContaining("Squares cancelled after 1 of 50 pairs");
    }
}
