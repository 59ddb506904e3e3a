package dev.foresight.drift.internal;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Benjamini–Hochberg control of the false discovery rate over the p-values of one run. */
public final class FalseDiscoveryRate {

    private FalseDiscoveryRate() {}

    /**
     * The Benjamini–Hochberg adjusted p-values (as scipy.stats.false_discovery_control and R's p.adjust "BH"): a
     * hypothesis is a discovery at level q exactly when its adjusted p-value is at most q.
     */
    public static double[] adjusted(double[] pValues) {
        int m = pValues.length;
        var order = IntStream.range(0, m)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        var adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            running = Math.min(running, pValues[index] * m / rank);
            adjusted[index] = Math.min(1, running);
        }
        return adjusted;
    }

    /** Which hypotheses are discoveries when the false discovery rate is held at q. */
    public static boolean[] discoveries(double[] pValues, double q) {
        var adjusted = adjusted(pValues);
        var found = new boolean[adjusted.length];
        for (int i = 0; i < adjusted.length; i++) {
            found[i] = adjusted[i] <= q;
        }
        return found;
    }
}
