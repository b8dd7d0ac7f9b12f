package org.modeconn.knime.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plugin's MANIFEST.MF and the runtime jars Maven resolved for it, as the bundle tests read them. */
final class BundleLayout {

    static final Path ROOT = Path.of(System.getProperty("user.dir"));

    private BundleLayout() {
    }

    static Manifest manifest() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    /** The Bundle-ClassPath entries, in order. */
    static List<String> bundleClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String e : manifest().getMainAttributes().getValue("Bundle-ClassPath").split(",")) {
            entries.add(e.trim());
        }
        return entries;
    }

    /** File name → path of every runtime jar (target/bundle-libraries.txt, written by the build). */
    static Map<String, Path> runtimeJars() throws IOException {
        Path list = ROOT.resolve("target/bundle-libraries.txt");
        Map<String, Path> jars = new LinkedHashMap<>();
        Matcher m = Pattern.compile(":(/[^\\s]+\\.jar)").matcher(Files.readString(list));
        while (m.find()) {
            Path p = Path.of(m.group(1));
            jars.put(p.getFileName().toString(), p);
        }
        return jars;
    }
}
