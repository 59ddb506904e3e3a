package dev.foresight.insights.stats;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * A robust classical decomposition {@code x = trend + seasonal + residual}: the trend is a centred running median over
 * one season (so a spike does not leak into its neighbours, as it does with a plain moving average), then smoothed by
 * a moving average over the same window; the seasonal part is the median of the detrended values at each phase,
 * centred on zero. With period 1 there is no season.
 */
public record SeasonalDecomposition(int period, double[] trend, double[] seasonal, double[] residual) {

    public static SeasonalDecomposition of(double[] x, int period) {
        int n = x.length;
        int half = Math.max(1, period / 2);
        var trend = new double[n];
        int first = Math.min(half, n - 1);
        int last = Math.max(first, n - 1 - half);
        for (int c = first; c <= last; c++) {
            trend[c] = SensSlope.median(Arrays.copyOfRange(x, Math.max(0, c - half), Math.min(n, c + half + 1)));
        }
        // Beyond the first and last whole window the trend goes on with the slope of the season next to it.
        double startSlope = last - first >= 2 * half ? (trend[first + 2 * half] - trend[first]) / (2 * half) : 0;
        double endSlope = last - first >= 2 * half ? (trend[last] - trend[last - 2 * half]) / (2 * half) : 0;
        for (int i = 0; i < first; i++) {
            trend[i] = trend[first] - (first - i) * startSlope;
        }
        for (int i = last + 1; i < n; i++) {
            trend[i] = trend[last] + (i - last) * endSlope;
        }
        trend = smooth(trend, half);
        var seasonal = new double[n];
        if (period > 1 && n >= 2 * period) {
            var phase = new double[period];
            for (int p = 0; p < period; p++) {
                var values = new ArrayList<Double>();
                for (int i = p; i < n; i += period) {
                    values.add(x[i] - trend[i]);
                }
                phase[p] = SensSlope.median(
                        values.stream().mapToDouble(Double::doubleValue).toArray());
            }
            double mean = Arrays.stream(phase).average().orElse(0);
            // Centring moves the season's mean into the trend; the residual stays what the phases left over.
            for (int i = 0; i < n; i++) {
                seasonal[i] = phase[i % period] - mean;
                trend[i] += mean;
            }
        }
        var residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = x[i] - trend[i] - seasonal[i];
        }
        return new SeasonalDecomposition(period, trend, seasonal, residual);
    }

    /**
     * A moving average over the running median: the median alone passes exactly through one point of each window,
     * which leaves many residuals at 0 and shrinks their spread, so ordinary days would look unusual.
     */
    private static double[] smooth(double[] trend, int half) {
        int n = trend.length;
        var smooth = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(n - 1, i + half);
            double sum = 0;
            for (int k = from; k <= to; k++) {
                sum += trend[k];
            }
            smooth[i] = sum / (to - from + 1);
        }
        return smooth;
    }
}
