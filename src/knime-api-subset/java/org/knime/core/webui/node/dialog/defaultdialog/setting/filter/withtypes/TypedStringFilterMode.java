package org.knime.core.webui.node.dialog.defaultdialog.setting.filter.withtypes;

/** KNIME API subset: how a column filter selects, saved by name under the key {@code mode}. */
public enum TypedStringFilterMode {
    MANUAL, REGEX, WILDCARD, TYPE;
}
