package dev.foresight.insights.stats;

import java.util.Arrays;

/**
 * Sen's estimator of a linear trend in an equally spaced series (Sen 1968): the median of the slopes between all
 * pairs of points, with Conover's intercept {@code median(y) − slope·median(i)}, as scipy's {@code theilslopes}.
 *
 * @param slope change per step of the series
 * @param intercept the fitted value at step 0
 */
public record SensSlope(double slope, double intercept) {

    public static SensSlope of(double[] series) {
        int n = series.length;
        if (n < 2) {
            return new SensSlope(0, n == 1 ? series[0] : 0);
        }
        var slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (series[j] - series[i]) / (j - i);
            }
        }
        double slope = median(slopes);
        return new SensSlope(slope, median(series) - slope * (n - 1) / 2.0);
    }

    /** The fitted value at a step. */
    public double at(int step) {
        return intercept + slope * step;
    }

    static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
