package org.modeconn.knime.views;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.knime.core.webui.page.Page;
import org.knime.core.webui.page.Page.InputStreamSupplier;
import org.knime.node.DefaultView;
import org.knime.node.DefaultView.RequireViewParameters;

/**
 * The pages of the node views: one HTML page per kind of figure, sharing one script and style sheet, with
 * ECharts and KNIME's UI extension service beside them in {@code lib/} (unpacked there by the build). A page
 * reads its node's {@link ViewDataTable} through its initial data service.
 */
public enum ViewPage {
    /** Loss and error per epoch (Train Endpoint, Fit Curve). */
    LEARNING_CURVES("learning-curves.html"),
    /** Loss and error along t, curve against line (Evaluate Curve). */
    CURVE_PROFILE("curve-profile.html"),
    /** Learning rate, distance and errors of an FGE run (FGE Ensemble). */
    FGE("fge.html"),
    /** Heat map of a loss-plane slice (Plane Slice). */
    PLANE("plane.html");

    /** What every page loads besides itself, by path relative to the page. */
    public static final List<String> RESOURCES = List.of("views.js", "views.css", "lib/echarts.min.js",
        "lib/knime-ui-extension-service.min.js");

    private final String m_file;

    ViewPage(final String file) {
        m_file = file;
    }

    /** The page's file name, relative to this package. */
    public String file() {
        return m_file;
    }

    /** The node view: this page, described by {@code description}, fed from the node's view data table. */
    public DefaultView view(final RequireViewParameters view, final String description) {
        return view.withoutParameters().description(description).page(p -> {
            Page page = p.fromString((InputStreamSupplier)() -> resource(m_file), StandardCharsets.UTF_8)
                .relativePath(m_file);
            for (String r : RESOURCES) {
                page.addResource(() -> resource(r), r, StandardCharsets.UTF_8);
            }
            return page;
        }).initialData(d -> d.data(in -> ViewDataTable.json(in.getInternalPortObjects())));
    }

    /** A page file of this package, from the bundle's class path. */
    public static InputStream resource(final String relativePath) {
        InputStream in = ViewPage.class.getResourceAsStream(relativePath);
        if (in == null) {
            throw new UncheckedIOException(new FileNotFoundException("The view file '" + relativePath
                + "' is missing from the bundle: build it with Maven, which adds the views' libraries."));
        }
        return in;
    }
}
