package org.modeconn.engine.curve;

/**
 * One measured quantity along a path, as the reference's curve evaluation reports it: its value at the two
 * ends, its extremes, and its mean along the path, the integral of the quantity over the path's length
 * divided by that length (the trapezoid rule between grid points).
 *
 * @param quantity what was measured: "train_loss", "train_error", "test_loss" or "test_error"
 * @param start its value at t = 0
 * @param end its value at t = 1
 * @param min its smallest value along the path
 * @param max its largest value along the path
 * @param mean its mean along the path, weighted by length (the plain mean of the values when the path has no
 *        length)
 */
public record QuantityStatistics(String quantity, double start, double end, double min, double max, double mean) {

    /** The statistics of {@code values} at points {@code arcLengths} along a path. */
    public static QuantityStatistics along(final String quantity, final double[] values, final double[] arcLengths) {
        if (values.length == 0 || values.length != arcLengths.length) {
            throw new IllegalArgumentException(values.length + " values at " + arcLengths.length + " points");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double length = arcLengths[arcLengths.length - 1] - arcLengths[0];
        double mean = sum / values.length;
        if (length > 0) {
            double integral = 0;
            for (int i = 1; i < values.length; i++) {
                integral += (values[i - 1] + values[i]) / 2 * (arcLengths[i] - arcLengths[i - 1]);
            }
            mean = integral / length;
        }
        return new QuantityStatistics(quantity, values[0], values[values.length - 1], min, max, mean);
    }
}
