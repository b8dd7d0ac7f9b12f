package org.modeconn.knime.ports;

import java.util.List;
import java.util.Locale;

import javax.swing.JComponent;
import javax.swing.JEditorPane;
import javax.swing.JScrollPane;

import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.Provenance;

/** The port view of a model: a readable page of its architecture, inputs, shape and provenance. */
public final class ModelSummaryView {

    private ModelSummaryView() {
    }

    /** A scrollable HTML view; its name is the tab title KNIME shows. */
    public static JComponent create(final ModelDescription d) {
        JEditorPane pane = new JEditorPane("text/html", html(d));
        pane.setEditable(false);
        JScrollPane scroll = new JScrollPane(pane);
        scroll.setName(Character.toUpperCase(d.kind().charAt(0)) + d.kind().substring(1));
        return scroll;
    }

    /** The page's HTML (also used by tests and tooltips). */
    public static String html(final ModelDescription d) {
        StringBuilder h = new StringBuilder("<html><body style='font-family:sans-serif'>");
        h.append("<h3>").append(escape(d.summary())).append("</h3><table>");
        row(h, "Architecture", d.network().architecture().describe());
        row(h, "Trainable parameters", String.format(Locale.ROOT, "%,d", d.trainableParameters()));
        row(h, "Inputs", d.network().inputFeatures() + (d.network().imageShape() != null
            ? " (image " + d.network().imageShape() + ")" : ""));
        if (d.columns().readsImages()) {
            row(h, "Image column", d.columns().imageColumn());
        } else {
            row(h, "Feature columns", abbreviate(d.columns().features()));
        }
        row(h, "Target column", d.columns().target());
        row(h, "Classes", abbreviate(d.network().classNames()));
        if (d.curve() != null) {
            row(h, "Curve", d.curve().type().label() + ", " + d.curve().bends() + " bends, start "
                + (d.curve().fixedStart() ? "fixed" : "free") + ", end " + (d.curve().fixedEnd() ? "fixed" : "free"));
        }
        if (d.ensemble() != null) {
            row(h, "Ensemble", d.ensemble().method() + ", " + (d.ensemble().members() == null
                ? "members known after execution" : d.ensemble().members() + " members"));
        }
        Provenance p = d.provenance();
        if (p != null) {
            row(h, "Made by", p.operation() + " on " + p.createdAt());
            row(h, "Tool version", p.toolVersion());
            row(h, "Ran on", p.backend());
            row(h, "Training data", p.trainData());
            if (p.trainDataSha256() != null) {
                row(h, "Training data SHA-256", p.trainDataSha256());
            }
            if (p.testData() != null) {
                row(h, "Test data", p.testData());
            }
            if (p.testDataSha256() != null) {
                row(h, "Test data SHA-256", p.testDataSha256());
            }
            row(h, "Seed", Long.toString(p.seed()));
            row(h, "Epochs", Integer.toString(p.epochsCompleted()));
            metrics(h, "Final train", p.finalTrain());
            metrics(h, "Final test", p.finalTest());
            if (p.settingsJson() != null) {
                h.append("<tr><td valign='top'><b>Settings</b></td><td><pre>").append(escape(p.settingsJson().toPrettyString()))
                    .append("</pre></td></tr>");
            }
        }
        return h.append("</table></body></html>").toString();
    }

    private static void metrics(final StringBuilder h, final String label, final Metrics m) {
        if (m != null) {
            row(h, label, String.format(Locale.ROOT, "loss %.4f, error %.2f%%", m.loss(), m.errorPercent()));
        }
    }

    private static void row(final StringBuilder h, final String label, final String value) {
        h.append("<tr><td valign='top'><b>").append(escape(label)).append("</b></td><td>")
            .append(escape(value == null ? "" : value)).append("</td></tr>");
    }

    private static String abbreviate(final List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
            : String.join(", ", names.subList(0, 10)) + " … and " + (names.size() - 10) + " more";
    }

    private static String escape(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
