package org.modeconn.engine.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.Provenance;

/**
 * An ensemble as a value: members of one architecture (flat parameter vectors, BatchNorm statistics
 * included) whose softmax outputs are averaged, the way it was made ("fge", "sse", "ind", "curve"), and
 * its provenance. The arrays are owned by the instance and never changed.
 */
public final class EnsembleModel {

    private final NetworkSpec spec;
    private final FeatureScaling scaling;
    private final String method;
    private final List<float[]> members;
    private final Provenance provenance;

    /**
     * @param spec the members' spec
     * @param scaling the members' feature scaling
     * @param method how the members were made
     * @param members flat parameter vectors (handed over, not copied)
     * @param provenance where it came from, or null
     */
    public EnsembleModel(NetworkSpec spec, FeatureScaling scaling, String method, List<float[]> members,
            Provenance provenance) {
        this.spec = Objects.requireNonNull(spec);
        this.scaling = Objects.requireNonNull(scaling);
        this.method = Objects.requireNonNull(method);
        this.members = List.copyOf(members);
        this.provenance = provenance;
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
    }

    /** The members' spec. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The members' feature scaling. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** The method of ensembles made by Fast Geometric Ensembling. */
    public static final String FGE = "fge";

    /** The method of ensembles of independently trained networks (the paper's "Ind"). */
    public static final String INDEPENDENT = "ind";

    /**
     * An ensemble of {@code networks}, which must share one spec and one feature scaling: networks trained with
     * different seeds on one table, say. Their weights are copied.
     *
     * @throws InvalidInputException if the list is empty or a network differs from the first
     */
    public static EnsembleModel of(List<Network> networks, String method, Provenance provenance) {
        if (networks.isEmpty()) {
            throw new InvalidInputException("An ensemble needs at least one network; none was given.",
                "Give the ensemble's networks.");
        }
        Network first = networks.get(0);
        List<float[]> members = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            Network n = networks.get(i);
            if (!n.spec().architecture().equals(first.spec().architecture())) {
                throw new InvalidInputException("Network " + (i + 1) + " has another architecture than network 1: "
                    + n.spec().architecture().describe() + " against " + first.spec().architecture().describe() + ".",
                    "Ensemble networks of one architecture (trained with different seeds, say).");
            }
            if (!n.spec().equals(first.spec())) {
                throw new InvalidInputException("Network " + (i + 1) + " reads other inputs or predicts other classes "
                    + "than network 1.", "Ensemble networks trained on tables with the same columns and classes.");
            }
            if (!n.scaling().equals(first.scaling())) {
                throw new InvalidInputException("Network " + (i + 1) + " scales its inputs otherwise than network 1 ("
                    + n.scaling().kind() + " against " + first.scaling().kind() + ", or other statistics).",
                    "Train every member on the same training table with the same feature scaling.");
            }
            members.add(n.parameters());
        }
        return new EnsembleModel(first.spec(), first.scaling(), method, members, provenance);
    }

    /** "fge", "sse", "ind" or "curve". */
    public String method() {
        return method;
    }

    /** The number of members. */
    public int size() {
        return members.size();
    }

    /** Member i's flat parameters (the array itself: callers must not change it). */
    public float[] memberView(int i) {
        return members.get(i);
    }

    /** Member i as a network. */
    public Network member(int i) {
        return new Network(spec, scaling, members.get(i), null, provenance);
    }

    /** The members as networks, in order. */
    public List<Network> members() {
        List<Network> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            out.add(member(i));
        }
        return out;
    }

    /** Where it came from. */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }
}
