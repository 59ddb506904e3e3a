package dev.foresight.insights.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Per-period aggregates of one series set (the whole dataset or one segment), dense from the first to the last
 * period: row counts, and per measure the sum and the count of its non-empty values.
 */
final class PeriodTable {

    final long[] starts;
    final long[] rows;
    final double[][] sums;
    final long[][] counts;

    PeriodTable(long[] starts, int measures) {
        this.starts = starts;
        this.rows = new long[starts.length];
        this.sums = new double[measures][starts.length];
        this.counts = new long[measures][starts.length];
    }

    int size() {
        return starts.length;
    }

    long rowTotal() {
        return Arrays.stream(rows).sum();
    }

    /** The per-period values of a measure of {@link Plan#seriesMeasures()}; an average with no values is NaN. */
    double[] values(int index, List<Plan.Measure> measures) {
        var measure = measures.get(index);
        var values = new double[size()];
        for (int i = 0; i < size(); i++) {
            values[i] = value(index, measure, i, i + 1);
        }
        return values;
    }

    /** The value of a measure over the periods [from, to). */
    double value(int index, Plan.Measure measure, int from, int to) {
        if (measure.isCount()) {
            long n = 0;
            for (int i = from; i < to; i++) {
                n += rows[i];
            }
            return n;
        }
        double sum = 0;
        long n = 0;
        for (int i = from; i < to; i++) {
            sum += sums[index - 1][i];
            n += counts[index - 1][i];
        }
        if ("avg".equals(measure.agg())) {
            return n == 0 ? Double.NaN : sum / n;
        }
        return sum;
    }

    /**
     * Blocks of {@code length} periods counted back from the last one, so the latest block is complete; an incomplete
     * first block is dropped. Each block starts where its first period starts.
     */
    PeriodTable blocks(int length) {
        int blocks = size() / length;
        int offset = size() - blocks * length;
        var starts = new long[blocks];
        var table = new PeriodTable(starts, sums.length);
        for (int b = 0; b < blocks; b++) {
            int from = offset + b * length;
            starts[b] = this.starts[from];
            for (int i = from; i < from + length; i++) {
                table.rows[b] += rows[i];
                for (int m = 0; m < sums.length; m++) {
                    table.sums[m][b] += sums[m][i];
                    table.counts[m][b] += counts[m][i];
                }
            }
        }
        return table;
    }
}
