package dev.foresight.insights.stats;

/**
 * Modified z-scores by the median absolute deviation (Iglewicz &amp; Hoaglin 1993): {@code 0.6745·(x − median) / MAD};
 * beyond 3.5 a value is a likely outlier. The median of the absolute deviations stays put when a few values go wild,
 * which the standard deviation does not.
 *
 * @param median the median of the values
 * @param mad the median absolute deviation from it (unscaled)
 */
public record RobustZ(double median, double mad, double[] scores) {

    /** The threshold Iglewicz and Hoaglin recommend. */
    public static final double OUTLIER = 3.5;

    private static final double CONSISTENCY = 0.6745;

    /** The scores of the values; when more than half the values are equal (MAD 0) every score is 0. */
    public static RobustZ of(double[] values) {
        double median = SensSlope.median(values);
        var deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        double mad = SensSlope.median(deviations);
        var scores = new double[values.length];
        if (mad > 0) {
            for (int i = 0; i < values.length; i++) {
                scores[i] = CONSISTENCY * (values[i] - median) / mad;
            }
        }
        return new RobustZ(median, values.length == 0 ? 0 : mad, scores);
    }

    /** The value that scores {@code z}: where the outlier fences lie in the data's units. */
    public double valueAt(double z) {
        return median + z * mad / CONSISTENCY;
    }
}
