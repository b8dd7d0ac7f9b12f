package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.BatchResult;

/**
 * Softmax and mean cross-entropy on row-major logits [B, C] in a Java array, for the engine's own passes:
 * log-sum-exp in double, the first maximum as the predicted class (as argmax does everywhere else).
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * Overwrites the logits with the gradient of the mean loss, (softmax − one-hot) / B.
     *
     * @return the mean loss and the number of rows whose largest logit is not their label
     */
    public static BatchResult lossAndGradient(float[] logits, int[] labels, int batch, int classes) {
        double loss = 0;
        int errors = 0;
        for (int r = 0; r < batch; r++) {
            int label = labels[r];
            int base = r * classes;
            int best = 0;
            float max = logits[base];
            for (int c = 1; c < classes; c++) {
                if (logits[base + c] > max) {
                    max = logits[base + c];
                    best = c;
                }
            }
            if (best != label) {
                errors++;
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[base + c] - max);
            }
            double logSum = Math.log(sum) + max;
            loss += logSum - logits[base + label];
            for (int c = 0; c < classes; c++) {
                logits[base + c] = (float) ((Math.exp(logits[base + c] - logSum) - (c == label ? 1 : 0)) / batch);
            }
        }
        return new BatchResult(loss / batch, errors);
    }

    /** Overwrites the first {@code rows} rows of logits with class probabilities. */
    public static void probabilities(float[] logits, int rows, int classes) {
        for (int base = 0; base < rows * classes; base += classes) {
            float max = logits[base];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, logits[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[base + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                logits[base + c] = (float) (Math.exp(logits[base + c] - max) / sum);
            }
        }
    }
}
