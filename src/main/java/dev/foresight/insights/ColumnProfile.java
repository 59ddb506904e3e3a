package dev.foresight.insights;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The summary of one column of a version.
 *
 * @param count the non-empty values
 * @param distinct distinct non-empty values; approximate (HyperLogLog) when {@code distinctApproximate}
 * @param min the smallest value as text (numbers, dates and text alike); {@code null} when all are empty
 * @param mean numeric columns only
 * @param quantiles numeric columns only: {@code p5}, {@code p25}, {@code p50}, {@code p75}, {@code p95}
 * @param histogram numeric and date columns: equal-width bins over [min, max]
 * @param topValues the most frequent values with their counts
 */
public record ColumnProfile(
        String name,
        String type,
        String role,
        long count,
        long nulls,
        long distinct,
        boolean distinctApproximate,
        @Nullable String min,
        @Nullable String max,
        @Nullable Double mean,
        @Nullable Double stddev,
        Map<String, Double> quantiles,
        List<Bin> histogram,
        List<ValueCount> topValues) {

    /** One histogram bin: values from {@code from} (inclusive) to {@code to}. */
    public record Bin(String from, String to, long count) {}

    public record ValueCount(String value, long count) {}

    /** The count of the fullest histogram bin, to scale the bars. */
    public long histogramPeak() {
        return histogram.stream().mapToLong(Bin::count).max().orElse(0);
    }

    public double nullShare() {
        return count + nulls == 0 ? 0 : nulls / (double) (count + nulls);
    }
}
