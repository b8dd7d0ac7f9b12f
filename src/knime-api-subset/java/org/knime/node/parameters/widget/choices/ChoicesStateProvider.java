package org.knime.node.parameters.widget.choices;

/** KNIME API subset: computes the choices of a dropdown or filter (KNIME's is sealed; the subset needs no more). */
public interface ChoicesStateProvider<S> {
}
