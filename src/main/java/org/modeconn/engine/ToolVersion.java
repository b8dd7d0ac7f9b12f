package org.modeconn.engine;

/** This product's version and the versions it runs on, for provenance and the command line. */
public final class ToolVersion {

    /** The product version. */
    public static final String VERSION = "0.1.0";
    /** The Deeplearning4j / ND4J version built against. */
    public static final String DL4J = "1.0.0-M2.1";

    private ToolVersion() {
    }
}
