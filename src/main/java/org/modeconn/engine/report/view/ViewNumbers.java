package org.modeconn.engine.report.view;

/** JSON has no NaN or infinity: the view data carry a missing or non-finite figure as null. */
final class ViewNumbers {

    private ViewNumbers() {
    }

    static Double finite(final double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Double finite(final Double v) {
        return v == null ? null : finite(v.doubleValue());
    }

    static Double[][] finite(final double[][] grid) {
        if (grid == null) {
            return null;
        }
        Double[][] out = new Double[grid.length][];
        for (int i = 0; i < grid.length; i++) {
            out[i] = new Double[grid[i].length];
            for (int j = 0; j < grid[i].length; j++) {
                out[i][j] = finite(grid[i][j]);
            }
        }
        return out;
    }
}
