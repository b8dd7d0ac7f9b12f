package org.knime.core.util;

/** KNIME API subset: a version number (used here only as a parameter type; the nodes pass null). */
public final class Version {
    private Version() {
    }
}
