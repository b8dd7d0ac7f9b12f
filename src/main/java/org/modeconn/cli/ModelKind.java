package org.modeconn.cli;

import java.nio.file.Path;
import java.util.Locale;

/** What a model file holds, told by its extension as the commands write it: .net, .ens or .curve. */
enum ModelKind {
    NETWORK, ENSEMBLE, CURVE;

    static ModelKind of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ens")) {
            return ENSEMBLE;
        }
        if (name.endsWith(".curve")) {
            return CURVE;
        }
        return NETWORK;
    }
}
