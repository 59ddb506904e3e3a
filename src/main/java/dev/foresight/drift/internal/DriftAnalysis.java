package dev.foresight.drift.internal;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.drift.DriftResult;
import dev.foresight.drift.MonitorDefinition;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.stats.BenjaminiHochberg;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Compares the baseline with the current rows of one version (or two versions) per segment and metric. DuckDB does
 * the heavy lifting in one aggregate pass per metric, grouped by segment and window: counts and rates, moments with
 * the values or the quantile function of numbers, category counts, counts per period. Java then runs the tests and
 * the false discovery rate control on those summaries.
 */
public final class DriftAnalysis {

    // One analysis per run: it keeps the run's segment names and the sizes of the pairs too small to compare.

    /** Points of a large sample's quantile function; the distance it gives is within a fraction of a percent. */
    private static final int QUANTILES = 500;

    private static final int MAX_CATEGORIES = 50;
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** How a run ended: results, or a status with a message when a window held nothing to compare. */
    public record Outcome(
            String status,
            @Nullable String message,
            @Nullable Windows windows,
            List<DriftResult> results,
            List<Comparison> comparisons) {}

    public record Windows(LocalDateTime baselineFrom, LocalDateTime currentFrom, LocalDateTime currentTo) {}

    /** Settings of the tests. */
    public record Settings(double q, int minRows, int testMaxRows, int rawValues) {}

    private final Settings settings;

    public DriftAnalysis(Settings settings) {
        this.settings = settings;
    }

    /** Checks a definition against a version's schema; the message names what is wrong. */
    public static void check(MonitorDefinition definition, DatasetScan scan) {
        boolean versions = definition.baselineVersion() != null;
        if (!versions) {
            if (definition.timeColumn() == null || definition.timeColumn().isBlank()) {
                throw new InvalidRequestException(
                        "A monitor needs a timeColumn for its windows (or a baselineVersion to compare with).");
            }
            var time = scan.require(definition.timeColumn());
            if (!time.type().isTemporal()) {
                throw new InvalidRequestException("The time column '" + time.name() + "' holds " + time.type()
                        + " values; it must hold dates or timestamps.");
            }
        }
        for (var segment : definition.segmentColumns()) {
            scan.require(segment);
        }
        for (var metric : definition.metricList()) {
            if (metric.column() != null) {
                var column = scan.require(metric.column());
                if ("numeric".equals(metric.kind()) && !column.type().isNumeric()) {
                    throw new InvalidRequestException("Metric " + metric.label() + ": column '" + column.name()
                            + "' holds " + column.type() + " values, not numbers.");
                }
            }
            if (metric.condition() != null && !metric.condition().isBlank()) {
                Condition.parse(metric.condition()).compile(scan);
            }
        }
    }

    public Outcome run(
            MonitorDefinition definition,
            DatasetScan current,
            @Nullable DatasetScan baseline,
            java.time.temporal.TemporalAmount baselineWindow,
            java.time.temporal.TemporalAmount currentWindow,
            IntConsumer progress)
            throws SQLException {
        segmentNames = definition.segmentColumns();
        sizes.clear();
        check(definition, current);
        if (baseline != null) {
            check(definition, baseline);
        }
        var rows = rows(definition, current, baseline, baselineWindow, currentWindow);
        if (rows.windows() == null && baseline == null) {
            return new Outcome(
                    "NO_DATA",
                    "The time column '" + definition.timeColumn() + "' holds no values in this version.",
                    null,
                    List.of(),
                    List.of());
        }
        var metrics = definition.metricList();
        var segmentCount = definition.segmentColumns().size();
        int steps = metrics.size() + 1;

        // Pass 1: rows and rate hits per segment and window.
        var select = new StringBuilder(segmentList(segmentCount)).append("fs_w, count(*)");
        for (int i = 0; i < metrics.size(); i++) {
            if ("rate".equals(metrics.get(i).kind())) {
                select.append(", count(*) filter (where fs_f").append(i).append(')');
            }
        }
        var counts = new LinkedHashMap<String, long[]>();
        var hits = new HashMap<String, long[]>();
        query(current, rows, "select " + select + " from fs_rows group by all", List.of(), result -> {
            var key = segment(result, segmentCount);
            int w = result.getInt(segmentCount + 1);
            counts.computeIfAbsent(key, k -> new long[2])[w] = result.getLong(segmentCount + 2);
            int column = segmentCount + 3;
            for (int i = 0; i < metrics.size(); i++) {
                if ("rate".equals(metrics.get(i).kind())) {
                    hits.computeIfAbsent(key + "\u0000" + i, k -> new long[2])[w] = result.getLong(column++);
                }
            }
        });
        progress.accept(100 / steps);
        long baselineRows = counts.values().stream().mapToLong(c -> c[0]).sum();
        long currentRows = counts.values().stream().mapToLong(c -> c[1]).sum();
        var windows = rows.windows();
        if (baselineRows == 0 || currentRows == 0) {
            var which = baselineRows == 0 ? "baseline" : "current";
            var range = windows == null
                    ? "the " + (baselineRows == 0 ? "baseline" : "current") + " version"
                    : baselineRows == 0
                            ? windows.baselineFrom() + " – " + windows.currentFrom()
                            : windows.currentFrom() + " – " + windows.currentTo();
            return new Outcome(
                    "NO_DATA",
                    "The " + which + " window (" + range + ") holds no rows; nothing was compared.",
                    windows,
                    List.of(),
                    List.of());
        }
        var segments = new ArrayList<>(counts.keySet());
        segments.sort(null);

        // Pass 2: one aggregate per metric, grouped by segment and window.
        var perMetric = new ArrayList<Map<String, Comparison>>();
        for (int i = 0; i < metrics.size(); i++) {
            var metric = metrics.get(i);
            perMetric.add(
                    switch (metric.kind()) {
                        case "numeric" -> numeric(current, rows, i, segmentCount);
                        case "categorical" -> categorical(current, rows, i, segmentCount);
                        case "rate" -> rates(counts, hits, i);
                        case "volume" -> volume(current, rows, i, segmentCount);
                        default -> throw new InvalidRequestException("Unknown metric kind '" + metric.kind() + "'.");
                    });
            progress.accept(100 * (i + 2) / steps);
        }
        return decide(definition, segments, perMetric, windows);
    }

    private Outcome decide(
            MonitorDefinition definition,
            List<String> segments,
            List<Map<String, Comparison>> perMetric,
            @Nullable Windows windows) {
        var metrics = definition.metricList();
        var compared = new ArrayList<Comparison>();
        var slots = new ArrayList<int[]>();
        for (int s = 0; s < segments.size(); s++) {
            for (int m = 0; m < metrics.size(); m++) {
                var comparison = perMetric.get(m).get(segments.get(s));
                if (comparison != null) {
                    compared.add(comparison);
                    slots.add(new int[] {s, m});
                }
            }
        }
        // The false discovery rate is controlled over the run's p-value tests; distances drift by their threshold.
        var withP = IntStream.range(0, compared.size())
                .filter(i -> !compared.get(i).isDistance())
                .toArray();
        var adjusted = BenjaminiHochberg.adjust(
                Arrays.stream(withP).mapToDouble(i -> compared.get(i).pValue()).toArray());
        var adjustedByIndex = new HashMap<Integer, Double>();
        for (int k = 0; k < withP.length; k++) {
            adjustedByIndex.put(withP[k], adjusted[k]);
        }
        var results = new ArrayList<DriftResult>();
        var resultComparisons = new ArrayList<Comparison>();
        int next = 0;
        for (int s = 0; s < segments.size(); s++) {
            for (int m = 0; m < metrics.size(); m++) {
                var metric = metrics.get(m);
                if (next < slots.size() && slots.get(next)[0] == s && slots.get(next)[1] == m) {
                    var c = compared.get(next);
                    var adjustedP = adjustedByIndex.get(next);
                    boolean drifted = c.isDistance() ? c.statistic() >= c.threshold() : adjustedP <= settings.q();
                    results.add(new DriftResult(
                            segments.get(s),
                            metric.label(),
                            metric.kind(),
                            "COMPARED",
                            c.test(),
                            finite(c.statistic()),
                            c.pValue(),
                            adjustedP,
                            c.threshold(),
                            drifted,
                            drifted ? c.severity() : null,
                            finite(c.effect()),
                            finite(c.psi()),
                            c.baselineCount(),
                            c.currentCount(),
                            c.baselineText(),
                            c.currentText(),
                            c.baseline(),
                            c.current()));
                    resultComparisons.add(c);
                    next++;
                } else {
                    results.add(new DriftResult(
                            segments.get(s),
                            metric.label(),
                            metric.kind(),
                            "INSUFFICIENT_DATA",
                            null,
                            null,
                            null,
                            null,
                            null,
                            false,
                            null,
                            null,
                            null,
                            sizes.getOrDefault(segments.get(s) + "\u0000" + m, new long[2])[0],
                            sizes.getOrDefault(segments.get(s) + "\u0000" + m, new long[2])[1],
                            "fewer than " + settings.minRows() + " rows",
                            null,
                            null,
                            null));
                }
            }
        }
        return new Outcome("SUCCEEDED", null, windows, results, resultComparisons);
    }

    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Sample sizes of segment × metric pairs that were too small to compare, for the results that say so. */
    private final Map<String, long[]> sizes = new HashMap<>();

    private boolean enough(String key, int metric, long baseline, long current) {
        if (baseline < settings.minRows() || current < settings.minRows()) {
            sizes.put(key + "\u0000" + metric, new long[] {baseline, current});
            return false;
        }
        return true;
    }

    private Map<String, Comparison> rates(Map<String, long[]> counts, Map<String, long[]> hits, int metric) {
        var comparisons = new HashMap<String, Comparison>();
        counts.forEach((key, n) -> {
            var h = hits.getOrDefault(key + "\u0000" + metric, new long[2]);
            if (enough(key, metric, n[0], n[1])) {
                comparisons.put(key, Comparisons.rate(n[0], h[0], n[1], h[1], settings.q()));
            }
        });
        return comparisons;
    }

    private Map<String, Comparison> numeric(DatasetScan scan, Rows rows, int metric, int segmentCount)
            throws SQLException {
        var value = "fs_v" + metric;
        var probabilities = IntStream.range(0, QUANTILES)
                .mapToObj(i -> Double.toString((i + 0.5) / QUANTILES))
                .collect(Collectors.joining(", ", "[", "]"));
        var sql = "select " + segmentList(segmentCount) + "fs_w, count(" + value + "), avg(" + value + "), stddev_pop("
                + value + "), min(" + value + "), max(" + value + "), case when count(" + value + ") <= "
                + settings.rawValues() + " then list(" + value + " order by " + value + ") end, case when count("
                + value + ") > " + settings.rawValues() + " then quantile_cont(" + value + ", " + probabilities
                + ") end from fs_rows where " + value + " is not null" + filter(rows, metric) + " group by all";
        var samples = new HashMap<String, Comparisons.Sample[]>();
        query(scan, rows, sql, List.of(), result -> {
            var key = segment(result, segmentCount);
            int c = segmentCount + 1;
            int w = result.getInt(c);
            long count = result.getLong(c + 1);
            var raw = result.getArray(c + 6);
            var sorted = raw != null ? doubles(raw) : doubles(result.getArray(c + 7));
            samples.computeIfAbsent(key, k -> new Comparisons.Sample[2])[w] = new Comparisons.Sample(
                    count,
                    result.getDouble(c + 2),
                    result.getDouble(c + 3),
                    result.getDouble(c + 4),
                    result.getDouble(c + 5),
                    sorted,
                    raw != null);
        });
        var comparisons = new HashMap<String, Comparison>();
        samples.forEach((key, pair) -> {
            long nb = pair[0] == null ? 0 : pair[0].count();
            long nc = pair[1] == null ? 0 : pair[1].count();
            if (enough(key, metric, nb, nc)) {
                comparisons.put(key, Comparisons.numeric(pair[0], pair[1], settings.testMaxRows(), settings.q()));
            }
        });
        return comparisons;
    }

    private Map<String, Comparison> categorical(DatasetScan scan, Rows rows, int metric, int segmentCount)
            throws SQLException {
        var value = "fs_v" + metric;
        var sql = "select " + segmentList(segmentCount) + "fs_w, coalesce(" + value + ", '(empty)'), count(*)"
                + " from fs_rows" + where(filter(rows, metric)) + " group by all";
        var tallies = new HashMap<String, List<Map<String, Long>>>();
        query(scan, rows, sql, List.of(), result -> {
            var key = segment(result, segmentCount);
            int w = result.getInt(segmentCount + 1);
            tallies.computeIfAbsent(key, k -> List.of(new HashMap<>(), new HashMap<>()))
                    .get(w)
                    .put(result.getString(segmentCount + 2), result.getLong(segmentCount + 3));
        });
        var comparisons = new HashMap<String, Comparison>();
        tallies.forEach((key, pair) -> {
            long nb = pair.get(0).values().stream().mapToLong(Long::longValue).sum();
            long nc = pair.get(1).values().stream().mapToLong(Long::longValue).sum();
            if (enough(key, metric, nb, nc)) {
                var kept = topCategories(pair.get(0), pair.get(1));
                comparisons.put(
                        key,
                        Comparisons.categorical(
                                capped(pair.get(0), kept),
                                capped(pair.get(1), kept),
                                settings.testMaxRows(),
                                settings.q()));
            }
        });
        return comparisons;
    }

    private static LinkedHashSet<String> topCategories(Map<String, Long> baseline, Map<String, Long> current) {
        var totals = new HashMap<String, Long>(baseline);
        current.forEach((k, v) -> totals.merge(k, v, Long::sum));
        return totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES - 1)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The categories in a stable order, the rarest beyond the first 49 pooled as "(other)". */
    private static Map<String, Long> capped(Map<String, Long> counts, LinkedHashSet<String> kept) {
        var result = new LinkedHashMap<String, Long>();
        for (var category : kept) {
            result.put(category, counts.getOrDefault(category, 0L));
        }
        counts.forEach((category, count) -> {
            if (!kept.contains(category)) {
                result.merge("(other)", count, Long::sum);
            }
        });
        return result;
    }

    private Map<String, Comparison> volume(DatasetScan scan, Rows rows, int metric, int segmentCount)
            throws SQLException {
        var windows = rows.windows();
        var sql = new StringBuilder("select ").append(segmentList(segmentCount)).append("fs_w, ");
        var parameters = new ArrayList<Object>();
        int periods;
        double currentShare;
        if (windows == null) {
            sql.append("0");
            periods = 1;
            currentShare = 0.5;
        } else {
            double currentSeconds = seconds(windows.currentFrom(), windows.currentTo());
            double baselineSeconds = seconds(windows.baselineFrom(), windows.currentFrom());
            periods = (int) Math.floor(baselineSeconds / currentSeconds + 1e-9);
            currentShare = currentSeconds / (currentSeconds + baselineSeconds);
            sql.append("case when fs_w = 1 then 0 else cast(floor((epoch(cast(? as timestamp)) - epoch(fs_t)) / ?)"
                    + " as bigint) end");
            parameters.add(SQL_TIME.format(windows.currentFrom()));
            parameters.add(currentSeconds);
        }
        sql.append(", count(*) from fs_rows")
                .append(where(filter(rows, metric)))
                .append(" group by all");
        var tallies = new HashMap<String, long[]>();
        int baselinePeriods = Math.max(periods, 1);
        query(scan, rows, sql.toString(), parameters, result -> {
            var key = segment(result, segmentCount);
            int w = result.getInt(segmentCount + 1);
            long period = result.getLong(segmentCount + 2);
            var slots = tallies.computeIfAbsent(key, k -> new long[baselinePeriods + 2]);
            long count = result.getLong(segmentCount + 3);
            if (w == 1) {
                slots[0] += count;
            } else if (period < baselinePeriods) {
                slots[1 + (int) period] += count;
            } else {
                slots[baselinePeriods + 1] += count; // a partial period before the first whole one
            }
        });
        var comparisons = new HashMap<String, Comparison>();
        tallies.forEach((key, slots) -> {
            long baselineTotal = Arrays.stream(slots, 1, slots.length).sum();
            if (enough(key, metric, baselineTotal, settings.minRows())) {
                long[] whole = Arrays.copyOfRange(slots, 1, baselinePeriods + 1);
                // Oldest first, as a timeline reads.
                for (int a = 0, b = whole.length - 1; a < b; a++, b--) {
                    long t = whole[a];
                    whole[a] = whole[b];
                    whole[b] = t;
                }
                comparisons.put(
                        key,
                        periods >= 3
                                ? Comparisons.volume(whole, slots[0], currentShare, settings.q())
                                : Comparisons.volume(new long[] {baselineTotal}, slots[0], currentShare, settings.q()));
            }
        });
        return comparisons;
    }

    private static double seconds(LocalDateTime from, LocalDateTime to) {
        return java.time.Duration.between(from, to).toNanos() / 1e9;
    }

    // --- the rows of both windows as one relation ---------------------------------------------------------------

    /** The rows CTE with its parameters, and per metric the SQL of its filter column (or none). */
    private record Rows(String cte, List<Object> parameters, boolean[] filtered, @Nullable Windows windows) {}

    private Rows rows(
            MonitorDefinition definition,
            DatasetScan current,
            @Nullable DatasetScan baseline,
            java.time.temporal.TemporalAmount baselineWindow,
            java.time.temporal.TemporalAmount currentWindow)
            throws SQLException {
        var parameters = new ArrayList<Object>();
        var metrics = definition.metricList();
        var filtered = new boolean[metrics.size()];
        for (int i = 0; i < metrics.size(); i++) {
            filtered[i] = metrics.get(i).condition() != null
                    && !metrics.get(i).condition().isBlank()
                    && !"rate".equals(metrics.get(i).kind());
        }
        if (baseline != null) {
            var sql = "with fs_rows as (" + projection(definition, baseline, "0", null, parameters) + " from "
                    + baseline.table() + " union all " + projection(definition, current, "1", null, parameters)
                    + " from " + current.table() + ") ";
            return new Rows(sql, parameters, filtered, null);
        }
        var time = "cast(" + current.column(definition.timeColumn()) + " as timestamp)";
        LocalDateTime end;
        try (var statement = current.connection().prepareStatement("select max(" + time + ") from " + current.table());
                var result = statement.executeQuery()) {
            result.next();
            var latest = result.getObject(1, LocalDateTime.class);
            if (latest == null) {
                return new Rows("", parameters, filtered, null);
            }
            end = latest;
        }
        var currentFrom = end.minus(currentWindow);
        var baselineFrom = currentFrom.minus(baselineWindow);
        var windowSql = "case when " + time + " > cast(? as timestamp) then 1 else 0 end";
        var windowParameters = List.<Object>of(SQL_TIME.format(currentFrom));
        var sql = new StringBuilder("with fs_rows as (");
        var projected = new ArrayList<Object>();
        sql.append(projection(definition, current, windowSql, time, projected));
        parameters.addAll(windowParameters);
        parameters.addAll(projected);
        sql.append(" from ")
                .append(current.table())
                .append(" where ")
                .append(time)
                .append(" > cast(? as timestamp) and ")
                .append(time)
                .append(" <= cast(? as timestamp)) ");
        parameters.add(SQL_TIME.format(baselineFrom));
        parameters.add(SQL_TIME.format(end));
        return new Rows(sql.toString(), parameters, filtered, new Windows(baselineFrom, currentFrom, end));
    }

    /** The select list of the rows: segments, window, time, each metric's value and condition. */
    private static String projection(
            MonitorDefinition definition,
            DatasetScan scan,
            String window,
            @Nullable String time,
            List<Object> parameters) {
        var sql = new StringBuilder("select ");
        var segments = definition.segmentColumns();
        for (int i = 0; i < segments.size(); i++) {
            sql.append("cast(")
                    .append(scan.column(segments.get(i)))
                    .append(" as varchar) as fs_s")
                    .append(i)
                    .append(", ");
        }
        sql.append(window)
                .append(" as fs_w, ")
                .append(time == null ? "null::timestamp" : time)
                .append(" as fs_t");
        var metrics = definition.metricList();
        for (int i = 0; i < metrics.size(); i++) {
            var metric = metrics.get(i);
            if (metric.column() != null && !metric.column().isBlank()) {
                var type = "numeric".equals(metric.kind()) ? "double" : "varchar";
                sql.append(", cast(")
                        .append(scan.column(metric.column()))
                        .append(" as ")
                        .append(type)
                        .append(") as fs_v")
                        .append(i);
            } else {
                sql.append(", null as fs_v").append(i);
            }
            if (metric.condition() != null && !metric.condition().isBlank()) {
                var compiled = Condition.parse(metric.condition()).compile(scan);
                sql.append(", coalesce(")
                        .append(compiled.sql())
                        .append(", false) as fs_f")
                        .append(i);
                parameters.addAll(compiled.parameters());
            } else {
                sql.append(", true as fs_f").append(i);
            }
        }
        return sql.toString();
    }

    private static String filter(Rows rows, int metric) {
        return rows.filtered()[metric] ? " and fs_f" + metric : "";
    }

    private static String where(String filter) {
        return filter.isEmpty() ? "" : " where " + filter.substring(5);
    }

    private static String segmentList(int count) {
        var sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append("fs_s").append(i).append(", ");
        }
        return sql.toString();
    }

    private String segment(ResultSet result, int count) throws SQLException {
        if (count == 0) {
            return "all";
        }
        var parts = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var value = result.getString(i + 1);
            parts.add(segmentNames.get(i) + "=" + (value == null ? "(empty)" : value));
        }
        return String.join(", ", parts);
    }

    private List<String> segmentNames = List.of();

    @FunctionalInterface
    private interface Rowwise {
        void accept(ResultSet result) throws SQLException;
    }

    private void query(DatasetScan scan, Rows rows, String select, List<Object> extra, Rowwise each)
            throws SQLException {
        try (PreparedStatement statement = scan.connection().prepareStatement(rows.cte() + select)) {
            int index = 1;
            for (var parameter : rows.parameters()) {
                statement.setObject(index++, parameter);
            }
            for (var parameter : extra) {
                statement.setObject(index++, parameter);
            }
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    each.accept(result);
                }
            }
        }
    }

    private static double[] doubles(Array array) throws SQLException {
        var values = (Object[]) array.getArray();
        var doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = ((Number) values[i]).doubleValue();
        }
        Arrays.sort(doubles);
        return doubles;
    }
}
