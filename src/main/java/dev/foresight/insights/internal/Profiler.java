package dev.foresight.insights.internal;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import dev.foresight.insights.ColumnProfile;
import dev.foresight.insights.DatasetProfile;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Profiles a version in DuckDB: one aggregate pass for counts, distincts, extremes, moments and quantiles of every
 * column, then one small grouped query per column for its histogram or its most frequent values.
 */
@Component
class Profiler {

    /** Beyond this many rows distinct counts and quantiles are approximate, to keep memory flat. */
    static final long EXACT_LIMIT = 2_000_000;

    /** Histograms and top values for at most this many columns; the aggregate pass covers all. */
    static final int DETAILED_COLUMNS = 200;

    private static final int BINS = 20;
    private static final int TOP = 10;
    private static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final String[] QUANTILE_NAMES = {"p5", "p25", "p50", "p75", "p95"};

    /**
     * Columns per aggregate query: DuckDB crashed the whole process (a segmentation fault, no Java error) on one query
     * with the thousands of aggregates, hundreds of them DISTINCT, that a 400-column file makes.
     */
    static final int COLUMNS_PER_PASS = 32;

    DatasetProfile profile(DatasetScan scan) throws SQLException {
        var all = scan.columns();
        var profiles = new ArrayList<ColumnProfile>();
        long rows = scan.rowCount();
        for (int from = 0; from < all.size(); from += COLUMNS_PER_PASS) {
            rows = profileColumns(
                    scan, all.subList(from, Math.min(all.size(), from + COLUMNS_PER_PASS)), from, profiles);
        }
        return new DatasetProfile(scan.datasetId(), scan.versionId(), rows, profiles, Instant.now());
    }

    /** Profiles {@code columns}, the ones from position {@code offset} on, into {@code profiles}; answers the row count. */
    private long profileColumns(DatasetScan scan, List<DatasetColumn> columns, int offset, List<ColumnProfile> profiles)
            throws SQLException {
        boolean exact = scan.rowCount() <= EXACT_LIMIT;
        var parts = new ArrayList<String>();
        parts.add("count(*)");
        for (var column : columns) {
            var c = scan.column(column.name());
            parts.add("count(" + c + ")");
            parts.add(exact ? "count(DISTINCT " + c + ")" : "approx_count_distinct(" + c + ")");
            parts.add("CAST(min(" + c + ") AS VARCHAR)");
            parts.add("CAST(max(" + c + ") AS VARCHAR)");
            if (column.type().isNumeric()) {
                parts.add("avg(CAST(" + c + " AS DOUBLE))");
                parts.add("stddev_samp(CAST(" + c + " AS DOUBLE))");
                parts.add((exact ? "quantile_cont(" : "approx_quantile(") + "CAST(" + c
                        + " AS DOUBLE), [0.05, 0.25, 0.5," + " 0.75, 0.95])");
                parts.add("CAST(min(" + c + ") AS DOUBLE)");
                parts.add("CAST(max(" + c + ") AS DOUBLE)");
            } else if (column.type().isTemporal()) {
                parts.add("epoch(CAST(min(" + c + ") AS TIMESTAMP))");
                parts.add("epoch(CAST(max(" + c + ") AS TIMESTAMP))");
            }
        }
        long rows;
        try (var statement = scan.connection().createStatement();
                var rs = statement.executeQuery("SELECT " + String.join(", ", parts) + " FROM " + scan.table())) {
            rs.next();
            rows = rs.getLong(1);
            int at = 2;
            for (int c = 0; c < columns.size(); c++) {
                var column = columns.get(c);
                int i = offset + c;
                long count = rs.getLong(at++);
                long distinct = rs.getLong(at++);
                String min = rs.getString(at++);
                String max = rs.getString(at++);
                Double mean = null;
                Double stddev = null;
                var quantiles = new LinkedHashMap<String, Double>();
                List<ColumnProfile.Bin> histogram = List.of();
                List<ColumnProfile.ValueCount> top = List.of();
                boolean hidden = column.role() == ColumnRole.PII;
                if (column.type().isNumeric()) {
                    mean = number(rs, at++);
                    stddev = number(rs, at++);
                    var list = rs.getArray(at++);
                    quantiles.putAll(quantiles(list));
                    Double low = number(rs, at++);
                    Double high = number(rs, at++);
                    if (i < DETAILED_COLUMNS && low != null && high != null && !hidden) {
                        histogram = numericHistogram(scan, column, low, high, distinct);
                    }
                } else if (column.type().isTemporal()) {
                    Double low = number(rs, at++);
                    Double high = number(rs, at++);
                    if (i < DETAILED_COLUMNS && low != null && high != null) {
                        histogram = timeHistogram(scan, column, low, high);
                    }
                }
                if (i < DETAILED_COLUMNS
                        && !hidden
                        && count > 0
                        && !column.type().isTemporal()
                        && (!column.type().isNumeric() || distinct <= TOP)
                        && (distinct <= 1000 || distinct < count * 0.5)) {
                    top = topValues(scan, column);
                }
                profiles.add(new ColumnProfile(
                        column.name(),
                        column.type().name(),
                        column.role().name(),
                        count,
                        rows - count,
                        distinct,
                        !exact,
                        hidden ? null : min,
                        hidden ? null : max,
                        mean,
                        stddev,
                        quantiles,
                        histogram,
                        top));
            }
        }
        return rows;
    }

    private static Map<String, Double> quantiles(@Nullable Array list) throws SQLException {
        var quantiles = new LinkedHashMap<String, Double>();
        if (list == null) {
            return quantiles;
        }
        var values = (Object[]) list.getArray();
        for (int q = 0; q < QUANTILES.length && q < values.length; q++) {
            if (values[q] instanceof Number n && Double.isFinite(n.doubleValue())) {
                quantiles.put(QUANTILE_NAMES[q], n.doubleValue());
            }
        }
        return quantiles;
    }

    private static List<ColumnProfile.Bin> numericHistogram(
            DatasetScan scan, DatasetColumn column, double low, double high, long distinct) throws SQLException {
        if (!(high > low) || !Double.isFinite(high - low)) {
            return List.of();
        }
        boolean integral = column.type() == ColumnType.INTEGER;
        int bins = integral ? (int) Math.clamp((long) (high - low) + 1, 1, BINS) : BINS;
        bins = (int) Math.min(bins, Math.max(distinct, 1));
        double width = (high - low) / bins;
        if (integral) {
            width = Math.ceil((high - low + 1) / bins);
        }
        var counts = binCounts(scan, "CAST(" + scan.column(column.name()) + " AS DOUBLE)", low, width, bins);
        var result = new ArrayList<ColumnProfile.Bin>();
        for (int b = 0; b < bins; b++) {
            double from = low + b * width;
            double to = b == bins - 1 ? high : low + (b + 1) * width;
            result.add(new ColumnProfile.Bin(Numbers.plain(from), Numbers.plain(to), counts[b]));
        }
        return result;
    }

    private static List<ColumnProfile.Bin> timeHistogram(
            DatasetScan scan, DatasetColumn column, double low, double high) throws SQLException {
        if (!(high > low)) {
            return List.of();
        }
        double width = (high - low) / BINS;
        var counts = binCounts(scan, "epoch(CAST(" + scan.column(column.name()) + " AS TIMESTAMP))", low, width, BINS);
        var result = new ArrayList<ColumnProfile.Bin>();
        for (int b = 0; b < BINS; b++) {
            result.add(new ColumnProfile.Bin(
                    time(low + b * width, column.type()),
                    time(b == BINS - 1 ? high : low + (b + 1) * width, column.type()),
                    counts[b]));
        }
        return result;
    }

    private static long[] binCounts(DatasetScan scan, String value, double low, double width, int bins)
            throws SQLException {
        var sql = "SELECT least(greatest(CAST(floor((" + value + " - ?) / ?) AS BIGINT), 0), ?) AS b, count(*) FROM "
                + scan.table() + " WHERE " + value + " IS NOT NULL GROUP BY 1";
        var counts = new long[bins];
        try (var statement = scan.connection().prepareStatement(sql)) {
            statement.setDouble(1, low);
            statement.setDouble(2, width);
            statement.setLong(3, bins - 1);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts[(int) rs.getLong(1)] += rs.getLong(2);
                }
            }
        }
        return counts;
    }

    private static List<ColumnProfile.ValueCount> topValues(DatasetScan scan, DatasetColumn column)
            throws SQLException {
        var c = scan.column(column.name());
        var sql = "SELECT CAST(" + c + " AS VARCHAR) AS v, count(*) AS n FROM " + scan.table() + " WHERE " + c
                + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP;
        var top = new ArrayList<ColumnProfile.ValueCount>();
        try (var statement = scan.connection().createStatement();
                var rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                top.add(new ColumnProfile.ValueCount(rs.getString(1), rs.getLong(2)));
            }
        }
        return top;
    }

    private static @Nullable Double number(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() || !Double.isFinite(value) ? null : value;
    }

    private static String time(double epochSeconds, ColumnType type) {
        var at = LocalDateTime.ofEpochSecond((long) Math.floor(epochSeconds), 0, ZoneOffset.UTC);
        return type == ColumnType.DATE ? at.toLocalDate().toString() : at.toString();
    }
}
