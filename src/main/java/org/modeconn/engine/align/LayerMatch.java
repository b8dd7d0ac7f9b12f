package org.modeconn.engine.align;

/**
 * How close one layer's trainable parameters (weights, bias, BatchNorm γ and β) of the aligned network lie to
 * the reference's, before and after its units were permuted.
 *
 * @param layer the layer's name in the graph
 * @param units its output units or channels
 * @param permutation the label of the group that reorders its outputs ("P2", or "fixed" for the classes)
 * @param cosineBefore the cosine similarity of the two layers' parameters before matching
 * @param cosineAfter the same after matching
 * @param distanceBefore the Euclidean distance between them before matching
 * @param distanceAfter the same after matching
 */
public record LayerMatch(String layer, int units, String permutation, double cosineBefore, double cosineAfter,
        double distanceBefore, double distanceAfter) {
}
