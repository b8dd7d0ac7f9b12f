package org.knime.core.webui.node.view;

/** KNIME API subset: a node's web view (created by KNIME from the factory's view definition). */
public interface NodeView {
}
