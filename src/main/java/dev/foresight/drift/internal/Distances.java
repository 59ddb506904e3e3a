package dev.foresight.drift.internal;

import java.util.Arrays;

/**
 * The distance measures of drift that Commons Math lacks: Wasserstein (earth mover's) distance in one dimension,
 * Jensen–Shannon distance and the population stability index, computed as scipy and Evidently compute them.
 */
public final class Distances {

    /** Evidently replaces empty bins by this share before PSI and Jensen–Shannon, so logarithms stay finite. */
    static final double EMPTY_SHARE = 0.0001;

    private Distances() {}

    /** The first Wasserstein distance of two samples: the area between their empirical distribution functions. */
    public static double wasserstein(double[] u, double[] v) {
        if (u.length == 0 || v.length == 0) {
            return Double.NaN;
        }
        var a = u.clone();
        var b = v.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        var all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double sum = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k < all.length - 1; k++) {
            while (i < a.length && a[i] <= all[k]) {
                i++;
            }
            while (j < b.length && b[j] <= all[k]) {
                j++;
            }
            sum += Math.abs((double) i / a.length - (double) j / b.length) * (all[k + 1] - all[k]);
        }
        return sum;
    }

    /**
     * The first Wasserstein distance from the two quantile functions sampled at the same equally spaced
     * probabilities (midpoints): W1 = ∫₀¹ |Qa(u) − Qb(u)| du.
     */
    public static double wassersteinFromQuantiles(double[] qa, double[] qb) {
        if (qa.length != qb.length || qa.length == 0) {
            throw new IllegalArgumentException("Both quantile functions need the same, non-zero number of points.");
        }
        double sum = 0;
        for (int i = 0; i < qa.length; i++) {
            sum += Math.abs(qa[i] - qb[i]);
        }
        return sum / qa.length;
    }

    /** The Jensen–Shannon distance (natural logarithm, as scipy's default) of two distributions over the same bins. */
    public static double jensenShannon(double[] p, double[] q) {
        var a = normalised(p);
        var b = normalised(q);
        double divergence = 0;
        for (int i = 0; i < a.length; i++) {
            double m = (a[i] + b[i]) / 2;
            divergence += relativeEntropy(a[i], m) / 2 + relativeEntropy(b[i], m) / 2;
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    /** The population stability index Σ (r − c)·ln(r / c) over shares, empty bins counted as {@value #EMPTY_SHARE}. */
    public static double psi(double[] reference, double[] current) {
        var r = normalised(reference);
        var c = normalised(current);
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            double ri = r[i] == 0 ? EMPTY_SHARE : r[i];
            double ci = c[i] == 0 ? EMPTY_SHARE : c[i];
            sum += (ri - ci) * Math.log(ri / ci);
        }
        return sum;
    }

    private static double relativeEntropy(double x, double m) {
        return x == 0 ? 0 : x * Math.log(x / m);
    }

    static double[] normalised(double[] weights) {
        double total = Arrays.stream(weights).sum();
        var shares = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            shares[i] = total == 0 ? 0 : weights[i] / total;
        }
        return shares;
    }
}
