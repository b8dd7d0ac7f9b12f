package org.modeconn.engine.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.modeconn.engine.InvalidInputException;

/**
 * What the benchmark runs: which networks and operations, and the spec's sizes (or smaller ones for a
 * quick look).
 *
 * @param networks the networks, in order
 * @param operations the operations; those an operation needs (endpoints before curves) run anyway
 * @param epochs endpoint epochs (20)
 * @param checkpointEpoch the endpoint epoch FGE starts from (16)
 * @param curveEpochs curve-fitting epochs (20)
 * @param fgeEpochs FGE epochs (4), cycle 2 epochs
 * @param evalPoints points along each path (31)
 * @param planeGrid grid points per axis (21)
 * @param planeTrainSubset training examples for the plane's train loss (4,000)
 */
public record BenchSettings(List<BenchNetwork> networks, Set<BenchOperation> operations, int epochs,
        int checkpointEpoch, int curveEpochs, int fgeEpochs, int evalPoints, int planeGrid, int planeTrainSubset) {

    /** Copies the collections and checks the sizes. */
    public BenchSettings {
        networks = List.copyOf(networks);
        operations = operations.isEmpty() ? EnumSet.noneOf(BenchOperation.class) : EnumSet.copyOf(operations);
        if (networks.isEmpty() || operations.isEmpty()) {
            throw new InvalidInputException("The benchmark has nothing to run.", "Give at least one network and one "
                + "operation, or neither option for the whole specification.");
        }
        if (epochs < 2 || checkpointEpoch < 1 || checkpointEpoch >= epochs || curveEpochs < 1 || fgeEpochs < 2
            || evalPoints < 2 || planeGrid < 2 || planeTrainSubset < 0) {
            throw new InvalidInputException("The benchmark sizes are out of range.", "Use the defaults or --quick.");
        }
    }

    /** BENCHMARK.md exactly, for the given networks and operations. */
    public static BenchSettings specification(List<BenchNetwork> networks, Set<BenchOperation> operations) {
        return new BenchSettings(networks, operations, 20, 16, 20, 4, 31, 21, 4000);
    }

    /** A quick look: the same work with 4 endpoint epochs, 2 curve epochs, 2 FGE epochs, 7 points, 7×7. */
    public static BenchSettings quick(List<BenchNetwork> networks, Set<BenchOperation> operations) {
        return new BenchSettings(networks, operations, 4, 2, 2, 2, 7, 7, 4000);
    }

    /** Whether the run follows the specification's sizes (only then are ratios to the reference fair). */
    public boolean isSpecification() {
        return epochs == 20 && checkpointEpoch == 16 && curveEpochs == 20 && fgeEpochs == 4 && evalPoints == 31
            && planeGrid == 21 && planeTrainSubset == 4000;
    }
}
