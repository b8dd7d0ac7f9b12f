package org.modeconn.engine.align;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Shuffle;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.record.Fingerprint;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * Weight matching (Ainsworth, Hayase and Srinivasa, "Git Re-Basin", ICLR 2023): permutes the hidden units of a
 * network so that its weights lie as close as possible to a reference's, without data. It maximises
 * Σ⟨θ_A, π(θ_B)⟩ over the trainable parameters by coordinate ascent: each permutation in turn is set to the
 * best linear assignment with all others held, sweeping over them in a seeded random order until a sweep
 * changes none. The permuted network computes the same function, so its loss and predictions do not change;
 * only the straight line and the curves to the reference do.
 */
public final class WeightMatcher {

    private WeightMatcher() {
    }

    /**
     * Aligns {@code network} to {@code reference}.
     *
     * @param monitor told after each permutation: the fraction of the most sweeps done, the sweep as the epoch, the
     *        permutation's place in the sweep as the batch, and its matched score as the loss; asked to cancel
     * @throws InvalidInputException if the two have different architectures, inputs or classes, or hold NaNs
     * @throws OperationCancelledException when the monitor cancels
     */
    public static Alignment align(Network reference, Network network, AlignmentSettings settings,
            TrainingMonitor monitor) {
        String difference = reference.spec().differenceFrom(network.spec());
        if (difference != null) {
            throw new InvalidInputException("The network cannot be aligned to the reference: " + difference + ".",
                "Give two networks of the same architecture, trained on data with the same columns and classes.");
        }
        requireFinite(reference, "reference network");
        requireFinite(network, "network to align");
        PermutationSpec spec = PermutationSpec.of(network.spec());
        float[] a = reference.parametersView();
        float[] b = network.parametersView();
        int[][] perms = spec.identity();
        List<PermutationSpec.Group> groups = spec.groups();
        SplittableRandom random = new SplittableRandom(settings.seed());
        int sweeps = 0;
        boolean converged = groups.isEmpty();
        while (!converged && sweeps < settings.maxSweeps()) {
            sweeps++;
            converged = true;
            int[] order = Shuffle.permutation(groups.size(), random);
            for (int k = 0; k < order.length; k++) {
                if (monitor.isCancelled()) {
                    throw new OperationCancelledException("Weight matching was cancelled in sweep " + sweeps + ".");
                }
                PermutationSpec.Group g = groups.get(order[k]);
                double[] score = scores(spec, g, a, b, perms);
                int[] best = LinearAssignment.maximise(score, g.size());
                double before = total(score, perms[g.id()], g.size());
                double after = total(score, best, g.size());
                // A tolerance relative to the objective: equal assignments found in another order must not count
                // as progress, or matching would never stop.
                if (after > before + 1e-12 * Math.max(1, Math.abs(before))) {
                    perms[g.id()] = best;
                    converged = false;
                }
                // How many sweeps matching takes is not known ahead: the fraction is of the most it may take, so that
                // it never goes back, and the end comes early.
                monitor.onBatch((sweeps - 1 + (k + 1) / (double) order.length) / settings.maxSweeps(), sweeps, k + 1,
                    after, 0);
            }
        }
        float[] aligned = spec.apply(b, perms);
        float[] momentum = network.momentum().map(m -> spec.apply(m, perms)).orElse(null);
        List<LayerMatch> layers = layerMatches(spec, a, b, aligned);
        Network result = new Network(network.spec(), network.scaling(), aligned, momentum,
            provenance(network, settings.matched(Fingerprint.sha256(a), Fingerprint.sha256(b))));
        return new Alignment(result, layers, groups, sweeps, converged, objective(spec, a, b),
            objective(spec, a, aligned));
    }

    private static void requireFinite(Network n, String what) {
        for (float v : n.parametersView()) {
            if (!Float.isFinite(v)) {
                throw new InvalidInputException("The " + what + " holds NaN or infinite parameters (its training "
                    + "diverged).", "Retrain it with a lower learning rate, and align networks whose loss is finite.");
            }
        }
    }

    /**
     * score[i·n + j]: how much Σ⟨θ_A, π(θ_B)⟩ gains from matching unit i of A with unit j of B in group g, every
     * other group held at its permutation: the sum over the blocks whose rows or columns g reorders of the
     * products of A's slices along that axis with B's (B's other axis permuted).
     */
    private static double[] scores(PermutationSpec spec, PermutationSpec.Group g, float[] a, float[] b,
            int[][] perms) {
        int n = g.size();
        double[] score = new double[n * n];
        for (PermutationSpec.BlockAxes x : spec.blocks()) {
            if (!x.block().kind().trainable()) {
                continue;
            }
            if (x.rowGroup() == g.id()) {
                int[] columns = x.columnGroup() == PermutationSpec.FIXED ? null : perms[x.columnGroup()];
                accumulate(score, slicesAlongRows(a, x, null), slicesAlongRows(b, x, columns), n);
            }
            if (x.columnGroup() == g.id()) {
                int[] rows = x.rowGroup() == PermutationSpec.FIXED ? null : perms[x.rowGroup()];
                accumulate(score, slicesAlongColumns(a, x, null), slicesAlongColumns(b, x, rows), n);
            }
        }
        return score;
    }

    /**
     * score += Xa·Xbᵀ, both [n, m] row-major, summed in double rows in parallel. In plain Java rather than
     * through ND4J: ND4J 1.0.0-M2.1's double-precision products were seen to go wrong in a JVM after the
     * engine's own float kernels had trained (its float products stay right), and the sums must be exact enough
     * that equal assignments never count as progress.
     */
    private static void accumulate(double[] score, float[] xa, float[] xb, int n) {
        int m = xa.length / n;
        IntStream.range(0, n).parallel().forEach(i -> {
            int ai = i * m;
            int out = i * n;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int b0 = j * m;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int k = 0; k < m; k++) {
                    double v = xa[ai + k];
                    s0 += v * xb[b0 + k];
                    s1 += v * xb[b0 + m + k];
                    s2 += v * xb[b0 + 2 * m + k];
                    s3 += v * xb[b0 + 3 * m + k];
                }
                score[out + j] += s0;
                score[out + j + 1] += s1;
                score[out + j + 2] += s2;
                score[out + j + 3] += s3;
            }
            for (; j < n; j++) {
                double s0 = 0;
                for (int k = 0; k < m; k++) {
                    s0 += (double) xa[ai + k] * xb[j * m + k];
                }
                score[out + j] += s0;
            }
        });
    }

    /** The block as [rows, columns·inner]: row r holds value (r, columns[c], s) at c·inner + s. */
    private static float[] slicesAlongRows(float[] flat, PermutationSpec.BlockAxes x, int[] columns) {
        int cols = x.columns();
        int inner = x.inner();
        int offset = (int) x.block().offset();
        float[] out = new float[x.rows() * cols * inner];
        int k = 0;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                int from = offset + (r * cols + (columns == null ? c : columns[c])) * inner;
                for (int s = 0; s < inner; s++) {
                    out[k++] = flat[from + s];
                }
            }
        }
        return out;
    }

    /** The block as [columns, rows·inner]: row c holds value (rows[r], c, s) at r·inner + s. */
    private static float[] slicesAlongColumns(float[] flat, PermutationSpec.BlockAxes x, int[] rows) {
        int cols = x.columns();
        int inner = x.inner();
        int offset = (int) x.block().offset();
        float[] out = new float[x.rows() * cols * inner];
        int k = 0;
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < x.rows(); r++) {
                int from = offset + ((rows == null ? r : rows[r]) * cols + c) * inner;
                for (int s = 0; s < inner; s++) {
                    out[k++] = flat[from + s];
                }
            }
        }
        return out;
    }

    private static double total(double[] score, int[] match, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += score[i * n + match[i]];
        }
        return sum;
    }

    private static double objective(PermutationSpec spec, float[] a, float[] b) {
        double sum = 0;
        for (PermutationSpec.BlockAxes x : spec.blocks()) {
            ParameterBlock block = x.block();
            if (block.kind().trainable()) {
                for (int i = (int) block.offset(); i < block.offset() + block.length(); i++) {
                    sum += (double) a[i] * b[i];
                }
            }
        }
        return sum;
    }

    private static List<LayerMatch> layerMatches(PermutationSpec spec, float[] a, float[] before, float[] after) {
        Map<String, List<PermutationSpec.BlockAxes>> byLayer = new LinkedHashMap<>();
        for (PermutationSpec.BlockAxes x : spec.blocks()) {
            if (x.block().kind().trainable()) {
                byLayer.computeIfAbsent(x.block().layer(), k -> new ArrayList<>()).add(x);
            }
        }
        List<LayerMatch> out = new ArrayList<>();
        for (Map.Entry<String, List<PermutationSpec.BlockAxes>> e : byLayer.entrySet()) {
            PermutationSpec.BlockAxes first = e.getValue().get(0);
            double[] sb = sums(e.getValue(), a, before);
            double[] sa = sums(e.getValue(), a, after);
            String permutation = first.rowGroup() == PermutationSpec.FIXED ? "fixed"
                : spec.groups().get(first.rowGroup()).label();
            out.add(new LayerMatch(e.getKey(), first.rows(), permutation, cosine(sb), cosine(sa), distance(sb),
                distance(sa)));
        }
        return out;
    }

    /** ⟨a, b⟩, ‖a‖², ‖b‖², ‖a − b‖² over the blocks. */
    private static double[] sums(List<PermutationSpec.BlockAxes> blocks, float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        double dd = 0;
        for (PermutationSpec.BlockAxes x : blocks) {
            for (int i = (int) x.block().offset(); i < x.block().offset() + x.block().length(); i++) {
                ab += (double) a[i] * b[i];
                aa += (double) a[i] * a[i];
                bb += (double) b[i] * b[i];
                dd += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            }
        }
        return new double[] {ab, aa, bb, dd};
    }

    private static double cosine(double[] s) {
        double norms = Math.sqrt(s[1] * s[2]);
        return norms == 0 ? 0 : s[0] / norms;
    }

    private static double distance(double[] s) {
        return Math.sqrt(s[3]);
    }

    /** B's provenance (the function, its training and its figures are B's) under the alignment's operation. */
    private static Provenance provenance(Network network, AlignmentSettings settings) {
        Provenance p = network.provenance().orElse(null);
        return new Provenance(AlignmentSettings.OPERATION, Instant.now().toString(), ToolVersion.VERSION,
            ComputeContext.current().describe(), p == null ? null : p.trainData(), p == null ? null : p.testData(),
            Provenance.store(AlignmentSettings.OPERATION, settings), p == null ? 0 : p.seed(),
            p == null ? 0 : p.epochsCompleted(), p == null ? null : p.history(), p == null ? null : p.finalTrain(),
            p == null ? null : p.finalTest(), p == null ? null : p.trainDataSha256(),
            p == null ? null : p.testDataSha256());
    }
}
