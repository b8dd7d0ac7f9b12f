package org.modeconn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.modeconn.engine.record.Json;

/** Writes a command's JSON summary, creating its folder. */
final class SummaryFiles {

    private SummaryFiles() {
    }

    static void write(JsonNode summary, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.MAPPER.writeValue(file.toFile(), summary);
    }
}
