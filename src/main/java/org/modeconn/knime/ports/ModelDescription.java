package org.modeconn.knime.ports;

import java.util.Objects;

import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.record.Provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a model port tells before its weights are loaded: enough for {@code configure} (architecture,
 * inputs, classes, curve shape, member count) and for the user (provenance). Serialised as JSON in the
 * port spec; the weights stay in the file store.
 *
 * @param kind "network", "curve" or "ensemble"
 * @param network the architecture, input size and classes
 * @param trainableParameters trainable parameters of one network
 * @param columns the table columns the model reads
 * @param provenance how the model was made, or null
 * @param curve the curve's shape, for curves only
 * @param ensemble the ensemble's method and size, for ensembles only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescription(@JsonProperty("kind") String kind, @JsonProperty("network") NetworkSpec network,
        @JsonProperty("trainableParameters") long trainableParameters, @JsonProperty("columns") InputColumns columns,
        @JsonProperty("provenance") Provenance provenance, @JsonProperty("curve") CurveShape curve,
        @JsonProperty("ensemble") EnsembleShape ensemble) {

    /** Checks the required parts. */
    public ModelDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(columns, "columns");
    }

    /**
     * A curve's shape.
     *
     * @param type Bezier or polygonal chain
     * @param bends number of bends, ends included
     * @param fixedStart whether the start was held fixed while fitting
     * @param fixedEnd whether the end was held fixed while fitting
     */
    public record CurveShape(@JsonProperty("type") CurveType type, @JsonProperty("bends") int bends,
            @JsonProperty("fixedStart") boolean fixedStart, @JsonProperty("fixedEnd") boolean fixedEnd) {
    }

    /**
     * An ensemble's method and size.
     *
     * @param method how the members were made (for example "FGE")
     * @param members number of member networks, or null while it is not known (before an FGE run whose cycle is
     *        in iterations)
     */
    public record EnsembleShape(@JsonProperty("method") String method, @JsonProperty("members") Integer members) {
    }

    /** The description of a network that reads {@code columns}. */
    public static ModelDescription of(final Network n, final InputColumns columns) {
        return new ModelDescription(NetworkPortObjectSpec.KIND, n.spec(), n.trainableParameterCount(), columns,
            n.provenance().orElse(null), null, null);
    }

    /** The description, before training, of a network of {@code spec} that reads {@code columns}. */
    public static ModelDescription ofNetwork(final NetworkSpec spec, final InputColumns columns) {
        return new ModelDescription(NetworkPortObjectSpec.KIND, spec, ParameterLayouts.layoutOf(spec).trainableSize(),
            columns, null, null, null);
    }

    /** The description, before it is made, of an ensemble of {@code members} networks like {@code member}. */
    public static ModelDescription ofEnsemble(final ModelDescription member, final String method,
        final Integer members) {
        return new ModelDescription(EnsemblePortObjectSpec.KIND, member.network(), member.trainableParameters(),
            member.columns(), null, null, new EnsembleShape(method, members));
    }

    /** The description of a curve whose points read {@code columns}. */
    public static ModelDescription of(final CurveModel c, final InputColumns columns) {
        return new ModelDescription(CurvePortObjectSpec.KIND, c.spec(), c.layout().trainableSize(), columns,
            c.provenance().orElse(null), new CurveShape(c.curve().type(), c.bendCount(), c.fixedStart(), c.fixedEnd()),
            null);
    }

    /** The description of an ensemble whose members read {@code columns}. */
    public static ModelDescription of(final EnsembleModel e, final InputColumns columns) {
        return new ModelDescription(EnsemblePortObjectSpec.KIND, e.spec(),
            ParameterLayouts.layoutOf(e.spec()).trainableSize(), columns, e.provenance().orElse(null), null,
            new EnsembleShape(e.method(), e.size()));
    }

    /** One line for port tooltips. */
    public String summary() {
        String what = switch (kind) {
            case "curve" -> curve.type().label() + " curve, " + curve.bends()
                + " bends, of ";
            case "ensemble" -> ensemble.method() + " ensemble of " + (ensemble.members() == null ? "" : ensemble.members()
                + " × ");
            default -> "";
        };
        return what + network.architecture().describe() + " (" + trainableParameters + " parameters, "
            + network.inputFeatures() + " inputs, " + network.classNames().size() + " classes)";
    }
}
