package org.modeconn.engine.align;

import java.util.List;

import org.modeconn.engine.network.Network;

/**
 * The result of weight matching: the network with its hidden units permuted to match the reference (it
 * computes exactly what it computed before), how close each layer came, and how the matching went.
 *
 * @param aligned the permuted network
 * @param layers one row per layer with parameters, in network order
 * @param groups the permutation groups that were matched
 * @param sweeps the sweeps run
 * @param converged whether the last sweep changed no permutation (false: stopped at the limit)
 * @param objectiveBefore Σ⟨θ_A, θ_B⟩ over the trainable parameters before matching
 * @param objectiveAfter the same with the aligned network
 */
public record Alignment(Network aligned, List<LayerMatch> layers, List<PermutationSpec.Group> groups, int sweeps,
        boolean converged, double objectiveBefore, double objectiveAfter) {

    /** Copies the lists. */
    public Alignment {
        layers = List.copyOf(layers);
        groups = List.copyOf(groups);
    }
}
