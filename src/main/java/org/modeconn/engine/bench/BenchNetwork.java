package org.modeconn.engine.bench;

/** The three networks of the benchmark specification. */
public enum BenchNetwork {
    /** 784 → 512 → 512 → 10, ReLU. */
    MLP("mlp:512,512"),
    /** 784 → 256 → BN → ReLU → 256 → BN → ReLU → 10. */
    MLPBN("mlpbn:256,256"),
    /** Two 3×3 conv layers (16, 32 filters) with max-pooling, dense 128, dense 10. */
    CNN("cnn");

    private final String architecture;

    BenchNetwork(String architecture) {
        this.architecture = architecture;
    }

    /** The architecture in {@code ArchitectureParser}'s form. */
    public String architecture() {
        return architecture;
    }
}
