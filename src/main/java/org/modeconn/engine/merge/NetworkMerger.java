package org.modeconn.engine.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.align.ActivationRepair;
import org.modeconn.engine.align.WeightMatcher;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * Merges networks of one architecture into one by weight averaging ("model soups", Wortsman et al. 2022): each
 * network is aligned to the first by weight matching (Git Re-Basin), so that their hidden units correspond, then the
 * aligned weights are averaged, all of them (uniform) or greedily, and the BatchNorm statistics of the average are
 * recomputed on the training data. One network at the cost of one, where an ensemble costs one per member.
 */
public final class NetworkMerger {

    /** The phase in which network 2, 3, ... are aligned to network 1. */
    public static final int ALIGNING = 1;

    /** The phase in which the aligned networks are averaged. */
    public static final int AVERAGING = 2;

    private NetworkMerger() {
    }

    /**
     * @param networks at least two networks of one architecture, inputs and classes
     * @param train the training data: BatchNorm statistics of every average (may be null for networks without BatchNorm)
     * @param heldOut data the networks were not trained on: the members' and the merge's figures, and the greedy
     *     merge's choices (required when greedy)
     * @param settings uniform or greedy, and the alignment
     * @param monitor progress and cancellation: the fraction of the alignments and averages done; as the epoch the
     *     phase, {@link #ALIGNING} (the batch: the network being aligned, from 2) or {@link #AVERAGING} (the batch:
     *     the networks tried so far; the loss: the held-out loss of the last average, or NaN)
     */
    public static MergeResult merge(List<Network> networks, Dataset train, Dataset heldOut, MergeSettings settings,
            TrainingMonitor monitor) {
        if (networks.size() < 2) {
            throw new InvalidInputException("Merging needs at least two networks; " + networks.size() + " given.",
                "Give two or more networks of one architecture (an ensemble's members, or networks trained with "
                    + "different seeds).");
        }
        Network first = networks.get(0);
        for (int i = 1; i < networks.size(); i++) {
            String difference = first.spec().differenceFrom(networks.get(i).spec());
            if (difference != null) {
                throw new InvalidInputException("Network " + (i + 1) + " cannot be merged with network 1: " + difference
                    + ".", "Merge networks of one architecture, trained on data with the same columns and classes.");
            }
            if (!first.scaling().equals(networks.get(i).scaling())) {
                throw new InvalidInputException("Network " + (i + 1) + " scales its inputs otherwise than network 1.",
                    "Merge networks trained on the same training table with the same feature scaling.");
            }
        }
        boolean batchNorm = first.spec().architecture().hasBatchNorm();
        if (batchNorm && train == null) {
            throw new InvalidInputException("The networks have BatchNorm layers, whose statistics must be recomputed "
                + "for the merged weights, but no training data was given.", "Give the training data.");
        }
        if (settings.repair() && batchNorm) {
            throw new InvalidInputException("REPAIR is for networks without BatchNorm; these have BatchNorm layers, "
                + "whose statistics the merge recomputes anyway (which is what REPAIR does for the other layers).",
                "Merge without REPAIR.");
        }
        if (settings.repair() && train == null) {
            throw new InvalidInputException("REPAIR resets the merged network's statistics to the members' on the "
                + "training data, but none was given.", "Give the training data.");
        }
        if (settings.greedy() && heldOut == null) {
            throw new InvalidInputException("A greedy merge keeps a member only if the held-out error does not rise, "
                + "but no held-out data was given.", "Give held-out data the networks were not trained on, or merge "
                    + "uniformly.");
        }
        String backend = ComputeContext.current().describe();
        int steps = networks.size() - 1 + networks.size();
        int done = 0;
        List<Network> aligned = new ArrayList<>();
        aligned.add(first);
        for (int i = 1; i < networks.size(); i++) {
            checkCancelled(monitor, "aligning network " + (i + 1));
            aligned.add(WeightMatcher.align(first, networks.get(i), settings.alignment(), TrainingMonitor.NONE)
                .aligned());
            monitor.onBatch((double) ++done / steps, ALIGNING, i + 1, Double.NaN, Double.NaN);
        }
        Dataset trainAligned = train == null ? null : NetworkInputs.align(first.spec(), train, "training data");
        Dataset heldAligned = heldOut == null ? null : NetworkInputs.align(first.spec(), heldOut, "held-out data");
        ActivationRepair repair = settings.repair() ? ActivationRepair.of(aligned, trainAligned) : null;
        try (Evaluation eval = new Evaluation(first, trainAligned, heldAligned)) {
            Metrics[] own = new Metrics[aligned.size()];
            if (heldAligned != null) {
                for (int i = 0; i < aligned.size(); i++) {
                    own[i] = eval.heldOut(aligned.get(i).parametersView());
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < aligned.size(); i++) {
                order.add(i);
            }
            boolean[] included = new boolean[aligned.size()];
            double[] sum = new double[first.parametersView().length];
            int count = 0;
            float[] merged = null;
            Metrics mergedFigures = null;
            if (settings.greedy()) {
                order.sort(Comparator.comparingDouble((Integer i) -> own[i].errorPercent())
                    .thenComparingDouble(i -> own[i].loss()).thenComparingInt(i -> i));
            }
            for (int i : order) {
                checkCancelled(monitor, "averaging member " + (i + 1));
                add(sum, aligned.get(i).parametersView(), 1);
                included[i] = true;
                float[] candidate = repair != null ? repair.averageOf(uniformWeights(included))
                    : eval.settle(average(sum, count + 1));
                Metrics figures = heldAligned == null ? null : eval.heldOut(candidate);
                boolean keep = !settings.greedy() || merged == null
                    || figures.errorPercent() <= mergedFigures.errorPercent();
                if (keep) {
                    count++;
                    merged = candidate;
                    mergedFigures = figures;
                } else {
                    included[i] = false;
                    add(sum, aligned.get(i).parametersView(), -1);
                }
                monitor.onBatch((double) ++done / steps, AVERAGING, done - (aligned.size() - 1),
                    figures == null ? Double.NaN : figures.loss(), Double.NaN);
            }
            List<MergeResult.Member> members = new ArrayList<>();
            for (int i = 0; i < aligned.size(); i++) {
                members.add(new MergeResult.Member(i, own[i], included[i]));
            }
            Provenance provenance = new Provenance(MergeSettings.OPERATION, Instant.now().toString(),
                ToolVersion.VERSION, backend, train == null ? null : train.toString(),
                heldOut == null ? null : heldOut.toString(), Provenance.store(MergeSettings.OPERATION, settings), 0, 0,
                null, null, mergedFigures, null, null);
            return new MergeResult(new Network(first.spec(), first.scaling(), merged, null, provenance), members,
                mergedFigures);
        }
    }

    private static void checkCancelled(TrainingMonitor monitor, String what) {
        if (monitor.isCancelled()) {
            throw new OperationCancelledException("Merging was cancelled before " + what + ".");
        }
    }

    private static double[] uniformWeights(boolean[] included) {
        int k = 0;
        for (boolean b : included) {
            k += b ? 1 : 0;
        }
        double[] w = new double[included.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = included[i] ? 1.0 / k : 0;
        }
        return w;
    }

    private static void add(double[] sum, float[] p, int sign) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += sign * (double) p[i];
        }
    }

    private static float[] average(double[] sum, int count) {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / count);
        }
        return out;
    }

    /** One network on the device, moved to each candidate: its BatchNorm statistics and held-out figures. */
    private static final class Evaluation implements AutoCloseable {
        private final ExecutableNetwork net;
        private final BatchNormRecomputer bn;
        private final BatchSource train;
        private final BatchSource heldOut;

        Evaluation(Network first, Dataset train, Dataset heldOut) {
            net = ExecutableNetwork.create(first.spec());
            bn = new BatchNormRecomputer(net);
            this.train = train == null || !bn.hasBatchNorm() ? null : BatchSource.of(train, first.scaling());
            this.heldOut = heldOut == null ? null : BatchSource.of(heldOut, first.scaling());
        }

        /** The parameters with BatchNorm statistics recomputed on the training data (as they are without BN). */
        float[] settle(float[] parameters) {
            if (train == null) {
                return parameters;
            }
            net.setParameters(parameters);
            bn.recompute(train);
            return net.parameterArray();
        }

        /** Held-out figures of {@code parameters}, BatchNorm statistics included. */
        Metrics heldOut(float[] parameters) {
            net.setParameters(parameters);
            return NetworkEvaluator.evaluate(net, heldOut);
        }

        @Override
        public void close() {
            net.close();
            if (train != null) {
                train.close();
            }
            if (heldOut != null) {
                heldOut.close();
            }
        }
    }
}
