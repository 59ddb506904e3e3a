package dev.foresight.insights.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mann–Kendall test for a monotonic trend in an equally spaced series, with the variance corrected for ties and
 * the normal approximation with continuity correction (Gilbert 1987, §16.4; Hirsch, Slack &amp; Smith 1982).
 *
 * @param s the statistic: concordant minus discordant pairs
 * @param variance the variance of {@code s} under no trend, ties corrected
 * @param z the standardised statistic, {@code (s − sign(s)) / √variance}
 * @param pValue two-sided
 * @param tau Kendall's tau-a, {@code s / (n(n−1)/2)}
 */
public record MannKendall(int n, long s, double variance, double z, double pValue, double tau) {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** Tests the series; fewer than three values give no evidence either way (p = 1). */
    public static MannKendall test(double[] series) {
        int n = series.length;
        if (n < 3) {
            return new MannKendall(n, 0, 0, 0, 1, 0);
        }
        long s = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(series[j], series[i]) > 0 ? 1 : series[j] == series[i] ? 0 : -1;
            }
        }
        double variance = n * (n - 1.0) * (2.0 * n + 5) - tieTerm(series);
        variance /= 18.0;
        double z = variance <= 0 ? 0 : (s - Math.signum((double) s)) / Math.sqrt(variance);
        double p = variance <= 0 ? 1 : 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
        return new MannKendall(n, s, variance, z, Math.min(1, p), s / (n * (n - 1) / 2.0));
    }

    /** Σ t(t−1)(2t+5) over the groups of t equal values. */
    private static double tieTerm(double[] series) {
        var sorted = series.clone();
        Arrays.sort(sorted);
        double term = 0;
        int run = 1;
        for (int i = 1; i <= sorted.length; i++) {
            if (i < sorted.length && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                term += run * (run - 1.0) * (2.0 * run + 5);
                run = 1;
            }
        }
        return term;
    }
}
