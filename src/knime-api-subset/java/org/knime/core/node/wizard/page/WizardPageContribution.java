package org.knime.core.node.wizard.page;

/** KNIME API subset: a node that contributes a page (a view) to KNIME's web UI. */
public interface WizardPageContribution {
    default boolean hasNodeView() {
        return true;
    }
}
