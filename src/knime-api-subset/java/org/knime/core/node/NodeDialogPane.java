package org.knime.core.node;

/** KNIME API subset: a classic Swing node dialog. */
public abstract class NodeDialogPane {
    protected NodeDialogPane() {
    }
}
