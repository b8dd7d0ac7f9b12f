package org.knime.core.webui.node.dialog;

/** KNIME API subset: a node factory that provides a web-UI dialog. */
public interface NodeDialogFactory {
    default boolean hasNodeDialog() {
        return true;
    }

    NodeDialog createNodeDialog();
}
