package dev.foresight.shared.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg adjusted p-values (q-values), controlling the false discovery rate across many tests
 * (Benjamini &amp; Hochberg 1995): {@code q(i) = min over k ≥ i of p(k)·m/k} on the ascending p-values, as R's
 * {@code p.adjust(p, "BH")} and scipy's {@code false_discovery_control}. A hypothesis is rejected (a discovery) at
 * level α when its q-value is at most α.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {}

    /** The adjusted p-values, in the order of the given ones. */
    public static double[] adjust(double[] pValues) {
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
}
