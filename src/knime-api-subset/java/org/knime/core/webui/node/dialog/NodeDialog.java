package org.knime.core.webui.node.dialog;

/** KNIME API subset: a web-UI node dialog. */
public interface NodeDialog {
}
