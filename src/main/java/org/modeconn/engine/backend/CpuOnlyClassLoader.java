package org.modeconn.engine.backend;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Delegates everything to the plugin's class loader but hides the CUDA backend's service registration,
 * so that ND4J's {@code ServiceLoader} finds only the CPU backend. Used when a GPU is present that the
 * CUDA backend cannot run on.
 */
final class CpuOnlyClassLoader extends ClassLoader {

    private static final String BACKEND_SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    CpuOnlyClassLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!BACKEND_SERVICE.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            String text;
            try (var in = url.openStream()) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (!text.contains("jcublas")) {
                kept.add(url);
            }
        }
        return Collections.enumeration(kept);
    }
}
