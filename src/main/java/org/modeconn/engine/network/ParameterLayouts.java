package org.modeconn.engine.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Caches the parameter layout of each architecture, which takes building the graph once to learn. */
public final class ParameterLayouts {

    private static final Map<NetworkSpec, ParameterLayout> CACHE = new ConcurrentHashMap<>();

    private ParameterLayouts() {
    }

    /** The layout of networks built from {@code spec}. */
    public static ParameterLayout layoutOf(NetworkSpec spec) {
        return CACHE.computeIfAbsent(spec, s -> {
            ComputationGraph g = NetworkBuilder.build(s);
            return ParameterLayout.of(g);
        });
    }
}
