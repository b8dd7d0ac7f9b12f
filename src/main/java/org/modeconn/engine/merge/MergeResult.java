package org.modeconn.engine.merge;

import java.util.List;

import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Metrics;

/**
 * A merged network and how it was made: which members it averages and each member's own figures.
 *
 * @param merged the merged network (BatchNorm statistics recomputed)
 * @param members per input network, in input order: its held-out figures after alignment (null without held-out
 *     data) and whether the merge took it
 * @param mergedHeldOut the merged network's held-out figures, or null without held-out data
 */
public record MergeResult(Network merged, List<Member> members, Metrics mergedHeldOut) {

    /**
     * One input network.
     *
     * @param index its position among the inputs, from 0
     * @param heldOut its figures on the held-out data, or null
     * @param included whether the merged network averages it
     */
    public record Member(int index, Metrics heldOut, boolean included) {
    }

    /** Copies the list. */
    public MergeResult {
        members = List.copyOf(members);
    }

    /** How many members the merged network averages. */
    public int includedCount() {
        return (int) members.stream().filter(Member::included).count();
    }
}
