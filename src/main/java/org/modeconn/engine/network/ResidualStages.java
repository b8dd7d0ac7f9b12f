package org.modeconn.engine.network;

import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * The three stages of residual blocks and the head that the pre-activation and the wide ResNets share:
 * the first block of stages 2 and 3 has stride 2, a block's shortcut is its raw input, or a 1×1 projection
 * of it (as in the reference code) where the shape changes; after the stages BN → ReLU → global average pool.
 */
final class ResidualStages {

    /** One block's main path, from the block's input (the current node) to its last convolution. */
    @FunctionalInterface
    interface MainPath {
        void append(NetworkLayers.Builder layers, int planes, int stride);
    }

    private ResidualStages() {
    }

    /**
     * @param layers the list being written, its current node the stem
     * @param stagePlanes the planes of each stage's blocks
     * @param blocksPerStage blocks in each stage
     * @param inPlanes the stem's channels
     * @param expansion the main path's output channels per plane
     * @param bias whether the shortcut projections have a bias
     * @param main writes one block's main path
     */
    static void append(NetworkLayers.Builder layers, int[] stagePlanes, int blocksPerStage, int inPlanes,
            int expansion, boolean bias, MainPath main) {
        int in = inPlanes;
        for (int stage = 0; stage < stagePlanes.length; stage++) {
            for (int block = 0; block < blocksPerStage; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                int planes = stagePlanes[stage];
                int x = layers.current();
                main.append(layers, planes, stride);
                int out = layers.current();
                int shortcut = x;
                if (stride != 1 || in != planes * expansion) {
                    shortcut = layers.conv(x, planes * expansion, 1, stride, 0, bias);
                }
                layers.add(out, shortcut);
                in = planes * expansion;
            }
        }
        layers.batchNorm();
        layers.relu();
        layers.globalAvgPool();
    }
}
