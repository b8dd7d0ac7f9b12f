package org.modeconn.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.plane.PlaneResult;

/**
 * The paper's plane figure as a PNG: heat maps of the train loss (log scale) and of the test error over
 * the plane, with contour lines, the three points (w1, θ, w2) and the curve drawn on them. Charting
 * libraries on Maven Central draw heat maps but not contours, so this one figure is drawn with Java2D.
 */
public final class PlaneHeatMap {

    private static final int PANEL = 420;
    private static final int PAD_LEFT = 60;
    private static final int PAD_TOP = 40;
    private static final int PAD_BOTTOM = 50;
    private static final int BAR = 70;
    private static final int CONTOURS = 12;

    private PlaneHeatMap() {
    }

    /** Writes the figure to {@code file}. */
    public static void write(PlaneResult r, Path file) {
        int panels = r.hasTest() ? 2 : 1;
        int width = panels * (PAD_LEFT + PANEL + BAR + 20);
        int height = PAD_TOP + PANEL + PAD_BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double[][] logLoss = new double[r.ys().length][r.xs().length];
        for (int i = 0; i < logLoss.length; i++) {
            for (int j = 0; j < logLoss[i].length; j++) {
                logLoss[i][j] = Math.log10(Math.max(r.trainLoss()[i][j], 1e-6));
            }
        }
        String subset = "train loss (log scale), " + r.trainExamples() + " train examples";
        panel(g, 0, r, logLoss, subset, true);
        if (r.hasTest()) {
            panel(g, PAD_LEFT + PANEL + BAR + 20, r, r.testError(), "test error (%)", false);
        }
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("The plot '" + file + "' could not be written: " + e.getMessage() + ".", e,
                "Check that the folder is writable.");
        }
    }

    private static void panel(Graphics2D g, int left, PlaneResult r, double[][] values, String title, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max - min < 1e-12) {
            max = min + 1;
        }
        int x0 = left + PAD_LEFT;
        int y0 = PAD_TOP;
        int gx = r.xs().length;
        int gy = r.ys().length;
        // Bilinear interpolation between grid points, pixel by pixel.
        for (int py = 0; py < PANEL; py++) {
            double fy = (PANEL - 1 - py) / (double) (PANEL - 1) * (gy - 1);
            for (int px = 0; px < PANEL; px++) {
                double fx = px / (double) (PANEL - 1) * (gx - 1);
                double v = interpolate(values, fx, fy);
                g.setColor(colour((v - min) / (max - min)));
                g.fillRect(x0 + px, y0 + py, 1, 1);
            }
        }
        contours(g, values, min, max, x0, y0, gx, gy);
        drawOverlay(g, r, x0, y0);
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, PANEL, PANEL);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, x0, y0 - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k <= 4; k++) {
            double fx = k / 4.0;
            int px = x0 + (int) Math.round(fx * PANEL);
            double xv = r.xs()[0] + fx * (r.xs()[gx - 1] - r.xs()[0]);
            g.drawString(String.format(Locale.ROOT, "%.1f", xv), px - 10, y0 + PANEL + 15);
            int py = y0 + PANEL - (int) Math.round(fx * PANEL);
            double yv = r.ys()[0] + fx * (r.ys()[gy - 1] - r.ys()[0]);
            g.drawString(String.format(Locale.ROOT, "%.1f", yv), x0 - 40, py + 4);
        }
        g.drawString(r.anchorNames().equals(PlaneResult.AROUND_ONE_NETWORK) ? "α (first random direction)"
            : "along w2 − w1", x0 + PANEL / 2 - 35, y0 + PANEL + 32);
        // colour bar
        int bx = x0 + PANEL + 15;
        for (int py = 0; py < PANEL; py++) {
            g.setColor(colour(1 - py / (double) (PANEL - 1)));
            g.fillRect(bx, y0 + py, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, y0, 14, PANEL);
        for (int k = 0; k <= 4; k++) {
            double v = max - k / 4.0 * (max - min);
            String label = log ? String.format(Locale.ROOT, "%.3g", Math.pow(10, v))
                : String.format(Locale.ROOT, "%.1f", v);
            g.drawString(label, bx + 18, y0 + (int) Math.round(k / 4.0 * PANEL) + 4);
        }
    }

    private static void drawOverlay(Graphics2D g, PlaneResult r, int x0, int y0) {
        double xmin = r.xs()[0];
        double xmax = r.xs()[r.xs().length - 1];
        double ymin = r.ys()[0];
        double ymax = r.ys()[r.ys().length - 1];
        java.util.function.DoubleUnaryOperator sx = x -> x0 + (x - xmin) / (xmax - xmin) * PANEL;
        java.util.function.DoubleUnaryOperator sy = y -> y0 + PANEL - (y - ymin) / (ymax - ymin) * PANEL;
        if (!r.curve().isEmpty()) {
            Path2D path = new Path2D.Double();
            boolean first = true;
            for (double[] p : r.curve()) {
                if (first) {
                    path.moveTo(sx.applyAsDouble(p[0]), sy.applyAsDouble(p[1]));
                    first = false;
                } else {
                    path.lineTo(sx.applyAsDouble(p[0]), sy.applyAsDouble(p[1]));
                }
            }
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2.5f));
            g.draw(path);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        for (int i = 0; i < r.anchors().length; i++) {
            double px = sx.applyAsDouble(r.anchors()[i][0]);
            double py = sy.applyAsDouble(r.anchors()[i][1]);
            g.setColor(Color.WHITE);
            g.fillOval((int) px - 5, (int) py - 5, 10, 10);
            g.setColor(Color.BLACK);
            g.drawOval((int) px - 5, (int) py - 5, 10, 10);
            g.setColor(Color.WHITE);
            g.drawString(r.anchorNames().get(i).equals("theta") ? "θ" : r.anchorNames().get(i), (int) px + 8,
                (int) py - 6);
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Marching squares at evenly spaced levels between the extremes. */
    private static void contours(Graphics2D g, double[][] v, double min, double max, int x0, int y0, int gx, int gy) {
        g.setColor(new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(1f));
        double cw = PANEL / (double) (gx - 1);
        double ch = PANEL / (double) (gy - 1);
        for (int l = 1; l < CONTOURS; l++) {
            double level = min + l * (max - min) / CONTOURS;
            for (int i = 0; i < gy - 1; i++) {
                for (int j = 0; j < gx - 1; j++) {
                    double a = v[i][j];
                    double b = v[i][j + 1];
                    double c = v[i + 1][j + 1];
                    double d = v[i + 1][j];
                    double[][] pts = new double[4][];
                    int n = 0;
                    if ((a < level) != (b < level)) {
                        pts[n++] = new double[] {j + (level - a) / (b - a), i};
                    }
                    if ((b < level) != (c < level)) {
                        pts[n++] = new double[] {j + 1, i + (level - b) / (c - b)};
                    }
                    if ((c < level) != (d < level)) {
                        pts[n++] = new double[] {j + (level - d) / (c - d), i + 1};
                    }
                    if ((d < level) != (a < level)) {
                        pts[n++] = new double[] {j, i + (level - a) / (d - a)};
                    }
                    for (int k = 0; k + 1 < n; k += 2) {
                        g.draw(new Line2D.Double(x0 + pts[k][0] * cw, y0 + PANEL - pts[k][1] * ch,
                            x0 + pts[k + 1][0] * cw, y0 + PANEL - pts[k + 1][1] * ch));
                    }
                }
            }
        }
    }

    private static double interpolate(double[][] v, double fx, double fy) {
        int j = Math.min((int) fx, v[0].length - 2);
        int i = Math.min((int) fy, v.length - 2);
        double tx = fx - j;
        double ty = fy - i;
        double top = v[i][j] * (1 - tx) + v[i][j + 1] * tx;
        double bottom = v[i + 1][j] * (1 - tx) + v[i + 1][j + 1] * tx;
        return top * (1 - ty) + bottom * ty;
    }

    /** A perceptually ordered map from dark blue (low) through green to yellow (high), like viridis. */
    static Color colour(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double s = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int k = Math.min((int) s, stops.length - 2);
        double f = s - k;
        return new Color((int) (stops[k][0] + f * (stops[k + 1][0] - stops[k][0])),
            (int) (stops[k][1] + f * (stops[k + 1][1] - stops[k][1])),
            (int) (stops[k][2] + f * (stops[k + 1][2] - stops[k][2])));
    }
}
