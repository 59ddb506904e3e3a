package dev.foresight.drift.internal;

import dev.foresight.drift.DriftSeverity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The test for each kind of metric, chosen as Evidently chooses by default: for numeric columns the two-sample
 * Kolmogorov–Smirnov test on small samples and otherwise the Wasserstein distance normalised by the reference's
 * standard deviation (threshold 0.1); for categories the chi-square test on small samples and otherwise the
 * Jensen–Shannon distance (threshold 0.1); for rates the two-proportion z-test; for volumes a prediction test of the
 * current period's count against the baseline's periods. PSI is reported beside each.
 *
 * <p>One deliberate difference: Evidently looks only at the reference's size, assuming a current sample of similar
 * size. A monitor comparing one week with eight has a current sample eight times smaller, and the sampling noise of a
 * distance on a few hundred rows reaches its threshold by itself (a normalised Wasserstein distance between two
 * samples of the same claims amounts, 1,400 and 175 rows, exceeds 0.1 in half the draws). So a distance is used only
 * when both samples exceed the limit; otherwise the p-value test, whose error rate the run controls.
 */
public final class Comparisons {

    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final double DISTANCE_THRESHOLD = 0.1;

    private Comparisons() {}

    /**
     * Severity from the effect size. Rates: Cohen's h (0.2 small, 0.5 medium); numeric: Wasserstein distance in
     * reference standard deviations, read like Cohen's d (0.2, 0.5); categories: Cohen's w (0.3, 0.5); volumes: the
     * relative change of the count (20 %, 50 %). Below the first bound LOW, below the second MEDIUM, else HIGH.
     */
    public static DriftSeverity severity(String kind, double effect) {
        double medium;
        double high;
        switch (kind) {
            case "categorical" -> {
                medium = 0.3;
                high = 0.5;
            }
            default -> {
                medium = 0.2;
                high = 0.5;
            }
        }
        double size = Math.abs(effect);
        return size >= high ? DriftSeverity.HIGH : size >= medium ? DriftSeverity.MEDIUM : DriftSeverity.LOW;
    }

    /** A numeric column's values in one window: sorted raw values, or its quantile function at midpoints. */
    public record Sample(long count, double mean, double std, double min, double max, double[] sorted, boolean raw) {}

    public static Comparison numeric(Sample baseline, Sample current, int testMaxRows, double q) {
        double scale = Math.max(baseline.std(), 0.001);
        double wasserstein = Distances.wasserstein(baseline.sorted(), current.sorted()) / scale;
        var edges = edges(baseline, current);
        var baselineShares = histogram(baseline.sorted(), edges);
        var currentShares = histogram(current.sorted(), edges);
        double psi = Distances.psi(baselineShares, currentShares);
        String test;
        double statistic;
        Double pValue;
        double threshold;
        if (baseline.count() <= testMaxRows || current.count() <= testMaxRows) {
            var ks = new KolmogorovSmirnovTest();
            test = "ks";
            statistic = ks.kolmogorovSmirnovStatistic(baseline.sorted(), current.sorted());
            // As scipy.stats.ks_2samp: the exact distribution for small samples, P(D ≥ d), else Kolmogorov's limit.
            // Commons Math's own test jitters tied values first, which changes D; ties are common in amounts.
            // When a side is a quantile function, D is read from it while the p-value uses the true sizes.
            int n = (int) baseline.count();
            int m = (int) current.count();
            pValue = (long) n * m < 10_000 ? ks.exactP(statistic, n, m, false) : ks.approximateP(statistic, n, m);
            threshold = q;
        } else {
            test = "wasserstein";
            statistic = wasserstein;
            pValue = null;
            threshold = DISTANCE_THRESHOLD;
        }
        return new Comparison(
                test,
                statistic,
                pValue,
                threshold,
                wasserstein,
                psi,
                severity("numeric", wasserstein),
                baseline.count(),
                current.count(),
                histogramSummary(baseline, edges, baselineShares),
                histogramSummary(current, edges, currentShares),
                "mean " + number(baseline.mean()) + " of " + baseline.count(),
                "mean " + number(current.mean()) + " of " + current.count());
    }

    public static Comparison categorical(
            Map<String, Long> baseline, Map<String, Long> current, int testMaxRows, double q) {
        var categories = new ArrayList<String>(baseline.keySet());
        current.keySet().stream().filter(c -> !baseline.containsKey(c)).forEach(categories::add);
        var b = new double[categories.size()];
        var c = new double[categories.size()];
        var table = new long[2][categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            table[0][i] = baseline.getOrDefault(categories.get(i), 0L);
            table[1][i] = current.getOrDefault(categories.get(i), 0L);
            b[i] = table[0][i];
            c[i] = table[1][i];
        }
        long nb = Arrays.stream(table[0]).sum();
        long nc = Arrays.stream(table[1]).sum();
        var bs = Distances.normalised(b);
        var cs = Distances.normalised(c);
        double w = 0;
        for (int i = 0; i < bs.length; i++) {
            double expected = bs[i] == 0 ? Distances.EMPTY_SHARE : bs[i];
            w += (cs[i] - bs[i]) * (cs[i] - bs[i]) / expected;
        }
        w = Math.sqrt(w);
        double psi = Distances.psi(bs, cs);
        String test;
        double statistic;
        Double pValue;
        double threshold;
        if (nb <= testMaxRows || nc <= testMaxRows) {
            test = "chi-square";
            if (categories.size() < 2) {
                statistic = 0;
                pValue = 1.0;
            } else {
                // The contingency test: the baseline is a sample too, not known shares.
                var chi = new ChiSquareTest();
                statistic = chi.chiSquare(table);
                pValue = chi.chiSquareTest(table);
            }
            threshold = q;
        } else {
            test = "jensen-shannon";
            statistic = Distances.jensenShannon(bs, cs);
            pValue = null;
            threshold = DISTANCE_THRESHOLD;
        }
        return new Comparison(
                test,
                statistic,
                pValue,
                threshold,
                w,
                psi,
                severity("categorical", w),
                nb,
                nc,
                categorySummary(categories, table[0], bs),
                categorySummary(categories, table[1], cs),
                top(categories, bs),
                top(categories, cs));
    }

    public static Comparison rate(long baselineRows, long baselineHits, long currentRows, long currentHits, double q) {
        double p1 = (double) baselineHits / baselineRows;
        double p2 = (double) currentHits / currentRows;
        double pooled = (double) (baselineHits + currentHits) / (baselineRows + currentRows);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineRows + 1.0 / currentRows));
        double z = se == 0 ? 0 : (p2 - p1) / se;
        double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
        double h = 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
        double psi = Distances.psi(new double[] {p1, 1 - p1}, new double[] {p2, 1 - p2});
        return new Comparison(
                "z-test",
                z,
                p,
                q,
                h,
                psi,
                severity("rate", h),
                baselineRows,
                currentRows,
                rateSummary(baselineRows, baselineHits),
                rateSummary(currentRows, currentHits),
                percent(p1) + " of " + baselineRows,
                percent(p2) + " of " + currentRows);
    }

    /**
     * The current window's count against the counts of the baseline's periods of the same length. With three or
     * more baseline periods, a prediction test: t = (x − mean) / (s·√(1 + 1/k)) with k − 1 degrees of freedom, which
     * allows for the ordinary week-to-week variation. With fewer (or identical) periods, the conditional test of two
     * Poisson rates: given n = x + y, x is binomial with p₀ = exposure share of the current window (normal
     * approximation).
     */
    public static Comparison volume(
            long[] baselinePeriods, long currentCount, double currentShareOfExposure, double q) {
        int k = baselinePeriods.length;
        long baselineTotal = Arrays.stream(baselinePeriods).sum();
        double mean = k == 0 ? 0 : (double) baselineTotal / k;
        double sd = 0;
        for (long count : baselinePeriods) {
            sd += (count - mean) * (count - mean);
        }
        sd = k > 1 ? Math.sqrt(sd / (k - 1)) : 0;
        String test;
        double statistic;
        double p;
        double expected;
        if (k >= 3 && sd > 0) {
            test = "t-prediction";
            expected = mean;
            statistic = (currentCount - mean) / (sd * Math.sqrt(1 + 1.0 / k));
            p = 2 * new TDistribution(k - 1).cumulativeProbability(-Math.abs(statistic));
        } else {
            test = "poisson";
            long n = baselineTotal + currentCount;
            double p0 = currentShareOfExposure;
            expected = n * p0;
            double se = Math.sqrt(n * p0 * (1 - p0));
            statistic = se == 0 ? 0 : (currentCount - expected) / se;
            p = 2 * NORMAL.cumulativeProbability(-Math.abs(statistic));
            expected = baselineTotal * p0 / (1 - p0);
        }
        double change = expected == 0 ? (currentCount == 0 ? 0 : 1) : currentCount / expected - 1;
        double psi = Distances.psi(
                new double[] {1 - currentShareOfExposure, currentShareOfExposure},
                new double[] {baselineTotal, currentCount});
        var baseline = new LinkedHashMap<String, Object>();
        baseline.put("count", baselineTotal);
        baseline.put("periods", Arrays.stream(baselinePeriods).boxed().toList());
        baseline.put("expected", expected);
        var current = new LinkedHashMap<String, Object>();
        current.put("count", currentCount);
        return new Comparison(
                test,
                statistic,
                p,
                q,
                change,
                psi,
                severity("volume", change),
                baselineTotal,
                currentCount,
                baseline,
                current,
                number(expected) + " expected",
                currentCount + " rows");
    }

    /** Equal-width bins over both samples' range; Sturges' rule for their number, as numpy's "sturges". */
    static double[] edges(Sample baseline, Sample current) {
        double lo = Math.min(baseline.min(), current.min());
        double hi = Math.max(baseline.max(), current.max());
        int bins = (int) Math.ceil(Math.log(baseline.count() + current.count()) / Math.log(2) + 1);
        bins = Math.clamp(bins, 1, 40);
        if (hi <= lo) {
            return new double[] {lo - 0.5, lo + 0.5};
        }
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + (hi - lo) * i / bins;
        }
        return edges;
    }

    static double[] histogram(double[] sorted, double[] edges) {
        var counts = new double[edges.length - 1];
        for (double value : sorted) {
            int bin = Arrays.binarySearch(edges, value);
            bin = bin >= 0 ? bin : -bin - 2;
            counts[Math.clamp(bin, 0, counts.length - 1)]++;
        }
        return Distances.normalised(counts);
    }

    private static Map<String, Object> histogramSummary(Sample sample, double[] edges, double[] shares) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("count", sample.count());
        summary.put("mean", sample.mean());
        summary.put("std", sample.std());
        summary.put("edges", Arrays.stream(edges).boxed().toList());
        summary.put("shares", Arrays.stream(shares).boxed().toList());
        return summary;
    }

    private static Map<String, Object> categorySummary(List<String> categories, long[] counts, double[] shares) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("count", Arrays.stream(counts).sum());
        summary.put("categories", categories);
        summary.put("shares", Arrays.stream(shares).boxed().toList());
        return summary;
    }

    private static Map<String, Object> rateSummary(long rows, long hits) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("count", rows);
        summary.put("hits", hits);
        summary.put("rate", rows == 0 ? 0 : (double) hits / rows);
        return summary;
    }

    private static String top(List<String> categories, double[] shares) {
        int best = 0;
        for (int i = 1; i < shares.length; i++) {
            if (shares[i] > shares[best]) {
                best = i;
            }
        }
        return categories.isEmpty() ? "no values" : categories.get(best) + " " + percent(shares[best]);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2f", value);
    }
}
