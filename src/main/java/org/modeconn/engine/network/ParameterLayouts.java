package org.modeconn.engine.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Caches the parameter layout of each network spec, derived from its layer list. */
public final class ParameterLayouts {

    private static final Map<NetworkSpec, ParameterLayout> CACHE = new ConcurrentHashMap<>();

    private ParameterLayouts() {
    }

    /** The layout of networks built from {@code spec}. */
    public static ParameterLayout layoutOf(NetworkSpec spec) {
        return CACHE.computeIfAbsent(spec, s -> ParameterLayout.of(s.layers()));
    }
}
