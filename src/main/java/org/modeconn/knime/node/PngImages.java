package org.modeconn.knime.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Renders one of the engine's PNG figures (which write files) into bytes for an image port. */
public final class PngImages {

    private PngImages() {
    }

    /** Lets {@code writer} write a PNG to a temporary file and returns its bytes. */
    public static byte[] render(final Consumer<Path> writer) {
        try {
            Path file = Files.createTempFile("modeconn-figure", ".png");
            try {
                writer.accept(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render a figure: " + e.getMessage(), e);
        }
    }
}
