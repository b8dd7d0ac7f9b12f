package org.modeconn.engine.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The learning rate as a function of training progress, asked once per batch. Epochs are 0-based here;
 * {@code batch} counts batches within the epoch.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LearningRateSchedule.Reference.class, name = "reference"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Step.class, name = "step"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Cosine.class, name = "cosine"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Cyclic.class, name = "cyclic"),
    @JsonSubTypes.Type(value = LearningRateSchedule.CosineRestarts.class, name = "cosine-restarts")})
public sealed interface LearningRateSchedule {

    /** The text forms {@link #parse} reads, for help texts and dialogs. */
    String FORMS = "reference (the paper's), constant, step:EVERY:GAMMA, cosine[:MIN], cyclic:CYCLE_EPOCHS:LR1:LR2";

    /** Parses a schedule's text form (see {@link #FORMS}), for the command line and the nodes alike. */
    static LearningRateSchedule parse(String text) {
        String[] p = text.trim().toLowerCase(java.util.Locale.ROOT).split(":");
        try {
            switch (p[0]) {
                case "reference":
                    return new Reference();
                case "constant":
                    return new Constant();
                case "step":
                    return new Step(Integer.parseInt(p[1]), Double.parseDouble(p[2]));
                case "cosine":
                    return new Cosine(p.length > 1 ? Double.parseDouble(p[1]) : 0);
                case "cyclic":
                    return new Cyclic(Double.parseDouble(p[2]), Double.parseDouble(p[3]), Integer.parseInt(p[1]), 0);
                default:
                    break;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // fall through to the message below
        }
        throw new org.modeconn.engine.InvalidInputException("The schedule '" + text + "' is not understood.",
            "Use " + FORMS.replace(" (the paper's)", "") + ".");
    }


    /**
     * @param baseRate the initial learning rate of the settings
     * @param epoch 0-based epoch
     * @param batch 0-based batch within the epoch
     * @param batchesPerEpoch batches in one epoch
     * @param totalEpochs epochs of the whole run
     * @return the learning rate for this batch
     */
    double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs);

    /** Short text for tables and provenance. */
    String describe();

    /**
     * The paper's reference schedule, set once per epoch: with r = e/E for the 1-based epoch e, the factor
     * is 1 for r ≤ 0.5, 1 − 0.99·(r − 0.5)/0.4 for r ≤ 0.9, and 0.01 after.
     */
    record Reference() implements LearningRateSchedule {
        @Override
        public double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs) {
            return baseRate * factor((epoch + 1) / (double) totalEpochs);
        }

        /** The factor at r = e/E. */
        public static double factor(double r) {
            if (r <= 0.5) {
                return 1.0;
            }
            if (r <= 0.9) {
                return 1.0 - (r - 0.5) / 0.4 * 0.99;
            }
            return 0.01;
        }

        @Override
        public String describe() {
            return "reference";
        }
    }

    /** The base rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs) {
            return baseRate;
        }

        @Override
        public String describe() {
            return "constant";
        }
    }

    /**
     * The base rate multiplied by {@code gamma} every {@code everyEpochs} epochs.
     *
     * @param everyEpochs epochs between drops (≥ 1)
     * @param gamma the factor at each drop, in (0, 1]
     */
    record Step(int everyEpochs, double gamma) implements LearningRateSchedule {
        /** Validates the settings. */
        public Step {
            Settings.require(everyEpochs >= 1, "The step schedule's interval of " + everyEpochs + " epochs",
                "Give an interval of at least 1 epoch.");
            Settings.require(gamma > 0 && gamma <= 1, "The step schedule's factor " + gamma,
                "Give a factor in (0, 1], for example 0.1.");
        }

        @Override
        public double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs) {
            return baseRate * Math.pow(gamma, epoch / everyEpochs);
        }

        @Override
        public String describe() {
            return "step(every " + everyEpochs + ", x" + gamma + ")";
        }
    }

    /**
     * Cosine annealing from the base rate to {@code minFactor}·base over the whole run, per batch.
     *
     * @param minFactor the final rate as a fraction of the base rate, in [0, 1]
     */
    record Cosine(double minFactor) implements LearningRateSchedule {
        /** Validates the settings. */
        public Cosine {
            Settings.require(minFactor >= 0 && minFactor <= 1, "The cosine schedule's final factor " + minFactor,
                "Give a factor in [0, 1].");
        }

        @Override
        public double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs) {
            double t = (epoch + batch / (double) batchesPerEpoch) / totalEpochs;
            return baseRate * (minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t)));
        }

        @Override
        public String describe() {
            return "cosine(min x" + minFactor + ")";
        }
    }

    /**
     * FGE's cyclical rate, as in the reference's {@code cyclic_learning_rate}: within each cycle, linear
     * from α1 down to α2 over the first half and back up over the second, set per batch. The cycle is
     * given in epochs or, when {@code cycleIterations} > 0, in iterations (batches).
     *
     * @param alpha1 the high rate at the cycle's ends
     * @param alpha2 the low rate at the cycle's middle
     * @param cycleEpochs the cycle's length in epochs (used when cycleIterations is 0)
     * @param cycleIterations the cycle's length in batches, or 0
     */
    record Cyclic(double alpha1, double alpha2, int cycleEpochs, int cycleIterations)
            implements LearningRateSchedule {
        /** Validates the settings. */
        public Cyclic {
            Settings.require(alpha1 > 0 && alpha2 > 0, "The cyclical rates α1 = " + alpha1 + ", α2 = " + alpha2,
                "Give two positive learning rates, for example 0.05 and 0.0005.");
            Settings.require(cycleIterations > 0 || cycleEpochs >= 1, "A cycle of " + cycleEpochs + " epochs",
                "Give a cycle of at least 1 epoch (or a cycle in iterations).");
            Settings.require(cycleIterations >= 0, "A cycle of " + cycleIterations + " iterations",
                "Give a positive number of iterations.");
        }

        @Override
        public double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs) {
            double t;
            if (cycleIterations > 0) {
                long iteration = (long) epoch * batchesPerEpoch + batch;
                t = (iteration % cycleIterations) / (double) cycleIterations;
            } else {
                t = ((epoch % cycleEpochs) + batch / (double) batchesPerEpoch) / cycleEpochs;
            }
            if (t < 0.5) {
                return alpha1 * (1.0 - 2.0 * t) + alpha2 * 2.0 * t;
            }
            return alpha1 * (2.0 * t - 1.0) + alpha2 * (2.0 - 2.0 * t);
        }

        @Override
        public String describe() {
            return "cyclic(" + alpha1 + "→" + alpha2 + ", cycle "
                + (cycleIterations > 0 ? cycleIterations + " it" : cycleEpochs + " ep") + ")";
        }
    }

    /**
     * Snapshot Ensembles' schedule (Huang et al. 2017): cosine annealing from the base rate to 0 within
     * each of M equal cycles over the whole run, per batch: α0/2·(cos(π·(k mod T)/T) + 1), T = ⌈K/M⌉.
     *
     * @param cycles M ≥ 1
     */
    record CosineRestarts(int cycles) implements LearningRateSchedule {
        /** Validates M. */
        public CosineRestarts {
            Settings.require(cycles >= 1, "A snapshot ensemble of " + cycles + " cycles",
                "Give at least 1 cycle.");
        }

        /** T, the cycle's length in iterations, for a run of {@code totalIterations}. */
        public long cycleLength(long totalIterations) {
            return (totalIterations + cycles - 1) / cycles;
        }

        @Override
        public double rate(double baseRate, int epoch, int batch, int batchesPerEpoch, int totalEpochs) {
            long k = (long) epoch * batchesPerEpoch + batch;
            long t = cycleLength((long) totalEpochs * batchesPerEpoch);
            return baseRate / 2 * (Math.cos(Math.PI * (k % t) / t) + 1);
        }

        @Override
        public String describe() {
            return "cosine-restarts(" + cycles + ")";
        }
    }
}
