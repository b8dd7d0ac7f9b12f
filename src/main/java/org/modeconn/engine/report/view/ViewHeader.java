package org.modeconn.engine.report.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.modeconn.engine.record.Provenance;

/**
 * What every view page shows above its charts: a title, one line of provenance (data, seed, device,
 * fingerprint), and notes such as why the GPU is not used.
 *
 * @param title what the page shows
 * @param subtitle one line of provenance
 * @param notes lines to read before the charts (may be empty)
 */
public record ViewHeader(String title, String subtitle, List<String> notes) {

    /** Copies the notes. */
    public ViewHeader {
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        notes = List.copyOf(notes);
    }

    /** A header whose subtitle summarises {@code provenance} (or is empty without one). */
    public static ViewHeader of(final String title, final Provenance provenance, final String backendNote) {
        List<String> notes = new ArrayList<>();
        if (backendNote != null && !backendNote.isBlank()) {
            notes.add(backendNote);
        }
        return new ViewHeader(title, provenance == null ? "" : summary(provenance), notes);
    }

    private static String summary(final Provenance p) {
        List<String> parts = new ArrayList<>();
        if (p.trainData() != null) {
            parts.add("data: " + p.trainData());
        }
        if (p.trainDataSha256() != null) {
            parts.add("SHA-256 " + p.trainDataSha256().substring(0, Math.min(12, p.trainDataSha256().length())));
        }
        parts.add("seed " + p.seed());
        parts.add(p.epochsCompleted() + (p.epochsCompleted() == 1 ? " epoch" : " epochs"));
        if (p.backend() != null) {
            parts.add(p.backend());
        }
        if (p.finalTest() != null) {
            parts.add(String.format(Locale.ROOT, "test error %.2f%%", p.finalTest().errorPercent()));
        }
        return String.join(" · ", parts);
    }
}
