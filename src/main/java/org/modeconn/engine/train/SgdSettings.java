package org.modeconn.engine.train;

/**
 * Stochastic gradient descent as PyTorch's {@code torch.optim.SGD} (no dampening): v ← μ·v + g + λ·w,
 * then w ← w − η·v (or, with Nesterov, w ← w − η·(g + λ·w + μ·v)).
 *
 * @param learningRate η, the base rate the schedule scales
 * @param momentum μ in [0, 1)
 * @param nesterov whether to use Nesterov momentum
 * @param weightDecay λ ≥ 0, applied to every trainable parameter (biases and BatchNorm γ, β included)
 */
public record SgdSettings(double learningRate, double momentum, boolean nesterov, double weightDecay) {

    /** The paper's learning rate for training endpoints (and FGE's α1). */
    public static final double LEARNING_RATE = 0.05;
    /** The paper's learning rate for fitting curves. */
    public static final double CURVE_LEARNING_RATE = 0.015;
    /** The paper's learning rate at the middle of an FGE cycle, α2. */
    public static final double FGE_LOW_RATE = 0.0005;
    /** The paper's momentum. */
    public static final double MOMENTUM = 0.9;
    /** The paper's weight decay. */
    public static final double WEIGHT_DECAY = 5e-4;
    /** The paper's batch size. */
    public static final int BATCH_SIZE = 128;

    /** The benchmark's endpoint settings: η 0.05, μ 0.9, λ 5e-4. */
    public static final SgdSettings BENCHMARK = new SgdSettings(LEARNING_RATE, MOMENTUM, false, WEIGHT_DECAY);

    /** Validates the ranges. */
    public SgdSettings {
        Settings.require(learningRate > 0 && Double.isFinite(learningRate), "The learning rate " + learningRate,
            "Give a positive learning rate, for example 0.05.");
        Settings.require(momentum >= 0 && momentum < 1, "The momentum " + momentum, "Give a momentum in [0, 1).");
        Settings.require(weightDecay >= 0 && Double.isFinite(weightDecay), "The weight decay " + weightDecay,
            "Give a weight decay ≥ 0, for example 5e-4.");
        Settings.require(!nesterov || momentum > 0, "Nesterov momentum with momentum 0",
            "Set a momentum above 0 or turn Nesterov off.");
    }
}
