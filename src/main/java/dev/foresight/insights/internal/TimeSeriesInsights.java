package dev.foresight.insights.internal;

import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetScan;
import dev.foresight.insights.stats.MannKendall;
import dev.foresight.insights.stats.RobustZ;
import dev.foresight.insights.stats.SeasonalDecomposition;
import dev.foresight.insights.stats.SensSlope;
import dev.foresight.shared.stats.BenjaminiHochberg;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Trends, period-over-period changes and anomalies of every measure over the time column. DuckDB adds the rows up per
 * day (or hour, for a short span of timestamps), for the whole dataset and its largest segments, in one grouped pass
 * each; everything after that works on those few thousand numbers.
 */
final class TimeSeriesInsights {

    enum Grain {
        HOUR("hour", 3600, 24),
        DAY("day", 86400, 7);

        final String sql;
        final long seconds;
        /** Periods in the season that repeats, and in the window a period-over-period change compares. */
        final int cycle;

        Grain(String sql, long seconds, int cycle) {
            this.sql = sql;
            this.seconds = seconds;
            this.cycle = cycle;
        }
    }

    /** Weekly sums make the trend of a long daily series: the weekly season and day-to-day noise cancel out. */
    private static final int WEEKLY_TREND_FROM_DAYS = 70;

    private static final int MAX_ANOMALIES = 5;

    /** The robust z a segment's period needs to count as unusual. */
    private static final double SEGMENT_THRESHOLD = 6;

    private final DatasetScan scan;
    private final Plan plan;
    private final InsightsProperties properties;
    private final String time;
    private final List<Plan.Measure> measures;
    private Grain grain = Grain.DAY;

    /** The unusual periods of each anomaly draft, by key, for {@link #explain} once the drafts are ranked. */
    private final Map<String, Unusual> unusual = new HashMap<>();

    TimeSeriesInsights(DatasetScan scan, Plan plan, InsightsProperties properties) {
        this.scan = scan;
        this.plan = plan;
        this.properties = properties;
        this.time = Objects.requireNonNull(plan.time()).name();
        this.measures = plan.seriesMeasures();
    }

    Grain grain() {
        return grain;
    }

    /** The series: the whole dataset under {@code null}, then each of the largest segments. */
    Map<Plan.@Nullable Segment, PeriodTable> load(Map<String, List<String>> largest) throws SQLException {
        var t = scan.column(time);
        long first;
        long last;
        long hours;
        long days;
        try (var statement = scan.connection().createStatement();
                var rs = statement.executeQuery("SELECT CAST(epoch(CAST(min(" + t + ") AS TIMESTAMP)) AS BIGINT),"
                        + " CAST(epoch(CAST(max(" + t + ") AS TIMESTAMP)) AS BIGINT),"
                        + " count(DISTINCT date_trunc('hour', " + t + ")), count(DISTINCT CAST(" + t + " AS DATE))"
                        + " FROM " + scan.table())) {
            rs.next();
            first = rs.getLong(1);
            last = rs.getLong(2);
            hours = rs.getLong(3);
            days = rs.getLong(4);
        }
        boolean intraday = plan.time().type() == ColumnType.TIMESTAMP && hours > days * 2;
        grain = intraday && last - first <= 14 * 86400L ? Grain.HOUR : Grain.DAY;
        long start = Math.floorDiv(first, grain.seconds) * grain.seconds;
        long end = Math.floorDiv(last, grain.seconds) * grain.seconds;
        int n = (int) ((end - start) / grain.seconds) + 1;
        var starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = start + i * grain.seconds;
        }
        var tables = new LinkedHashMap<Plan.@Nullable Segment, PeriodTable>();
        tables.put(null, new PeriodTable(starts, measures.size() - 1));
        fill(tables, null, List.of(), start);
        for (var entry : largest.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            for (var value : entry.getValue()) {
                tables.put(new Plan.Segment(entry.getKey(), value), new PeriodTable(starts, measures.size() - 1));
            }
            fill(tables, entry.getKey(), entry.getValue(), start);
        }
        return tables;
    }

    /** The start of a row's period (day or hour) in epoch seconds, as the series' periods are keyed. */
    private String period(String time) {
        return "CAST(epoch(CAST(date_trunc('" + grain.sql + "', " + time + ") AS TIMESTAMP)) AS BIGINT)";
    }

    private void fill(
            Map<Plan.@Nullable Segment, PeriodTable> tables, @Nullable String segment, List<String> values, long start)
            throws SQLException {
        var t = scan.column(time);
        var sql = new StringBuilder("SELECT " + period(t) + " AS p");
        sql.append(segment == null ? ", NULL" : ", CAST(" + scan.column(segment) + " AS VARCHAR)");
        sql.append(", count(*)");
        for (var m : plan.measures()) {
            var c = scan.column(Objects.requireNonNull(m.column()));
            sql.append(", sum(CAST(")
                    .append(c)
                    .append(" AS DOUBLE)), count(")
                    .append(c)
                    .append(")");
        }
        sql.append(" FROM ").append(scan.table()).append(" WHERE ").append(t).append(" IS NOT NULL");
        if (segment != null) {
            sql.append(" AND CAST(")
                    .append(scan.column(segment))
                    .append(" AS VARCHAR) IN (")
                    .append(String.join(", ", values.stream().map(v -> "?").toList()))
                    .append(")");
        }
        sql.append(" GROUP BY ALL");
        try (var statement = scan.connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    var table = tables.get(segment == null ? null : new Plan.Segment(segment, rs.getString(2)));
                    if (table == null) {
                        continue;
                    }
                    int i = (int) ((rs.getLong(1) - start) / grain.seconds);
                    if (i < 0 || i >= table.size()) {
                        continue;
                    }
                    table.rows[i] += rs.getLong(3);
                    for (int m = 0; m < plan.measures().size(); m++) {
                        table.sums[m][i] += rs.getDouble(4 + 2 * m);
                        table.counts[m][i] += rs.getLong(5 + 2 * m);
                    }
                }
            }
        }
    }

    // --- trends ------------------------------------------------------------------------------------------------------

    private record TrendTest(
            int measure,
            Plan.@Nullable Segment segment,
            PeriodTable table,
            double[] values,
            MannKendall mk,
            SensSlope sen,
            double median,
            String unit) {}

    List<Draft> trends(Map<Plan.@Nullable Segment, PeriodTable> tables, List<String> notes) {
        var tests = new ArrayList<TrendTest>();
        for (int m = 0; m < measures.size(); m++) {
            for (var entry : tables.entrySet()) {
                var base = entry.getValue();
                var table = base;
                var unit = grain.sql;
                if (grain == Grain.DAY && base.size() >= WEEKLY_TREND_FROM_DAYS) {
                    table = base.size() / 7 > 2000 ? base.blocks(28) : base.blocks(7);
                    unit = base.size() / 7 > 2000 ? "4 weeks" : "week";
                }
                var values = finite(table.values(m, measures));
                if (values.length < 6) {
                    if (entry.getKey() == null && m == 0) {
                        notes.add("Only " + values.length + " " + unit + "s of data: too few for trends (6 needed).");
                    }
                    continue;
                }
                var mk = MannKendall.test(values);
                tests.add(new TrendTest(
                        m, entry.getKey(), table, values, mk, SensSlope.of(values), median(values), unit));
            }
        }
        var q = BenjaminiHochberg.adjust(
                tests.stream().mapToDouble(t -> t.mk().pValue()).toArray());
        var overall = new HashMap<Integer, TrendTest>();
        for (int i = 0; i < tests.size(); i++) {
            if (tests.get(i).segment() == null && q[i] <= properties.alpha()) {
                overall.put(tests.get(i).measure(), tests.get(i));
            }
        }
        var drafts = new ArrayList<Draft>();
        int mirrored = 0;
        for (int i = 0; i < tests.size(); i++) {
            var test = tests.get(i);
            // Significant is not enough: over the whole span the trend must move the measure by 5 % or more.
            if (q[i] > properties.alpha()
                    || test.sen().slope() == 0
                    || Math.abs(test.mk().tau()) < 0.1
                    || Math.abs(relative(test)) * (test.values().length - 1) < 0.05) {
                continue;
            }
            var all = overall.get(test.measure());
            if (test.segment() != null && all != null) {
                double own = relative(test);
                double whole = relative(all);
                if (Math.signum(own) == Math.signum(whole) && Math.abs(own - whole) <= 0.3 * Math.abs(whole)) {
                    mirrored++;
                    continue;
                }
            }
            drafts.add(trend(test, q[i]));
        }
        if (mirrored > 0) {
            notes.add(mirrored + " segment trends follow the overall trend of their measure and are not repeated.");
        }
        return drafts;
    }

    private Draft trend(TrendTest test, double q) {
        var measure = measures.get(test.measure());
        double slope = test.sen().slope();
        double relative = relative(test);
        var from = label(test.table().starts[0]);
        var to = label(test.table().starts[test.table().size() - 1]);
        var subject = subject(measure, test.segment());
        var sentence = String.format(
                Locale.ENGLISH,
                "%s %s by %s per %s (%s over the period) from %s to %s: Mann–Kendall τ = %.2f, %s.",
                capitalise(subject),
                measure.isCount() ? (slope > 0 ? "rise" : "fall") : (slope > 0 ? "rises" : "falls"),
                Numbers.format(Math.abs(slope)),
                test.unit(),
                Numbers.change(relative * (test.values().length - 1)),
                from,
                to,
                test.mk().tau(),
                Numbers.p(test.mk().pValue()));
        var evidence = new LinkedHashMap<String, Object>();
        evidence.put("measure", measure.label());
        evidence.put("agg", measure.agg());
        evidence.put("segment", test.segment() == null ? "all" : test.segment().toString());
        evidence.put("grain", test.unit());
        evidence.put("points", test.values().length);
        evidence.put("from", from);
        evidence.put("to", to);
        evidence.put("s", test.mk().s());
        evidence.put("tau", Numbers.round(test.mk().tau()));
        evidence.put("z", Numbers.round(test.mk().z()));
        evidence.put("pValue", test.mk().pValue());
        evidence.put("qValue", q);
        evidence.put("sensSlope", Numbers.round(slope));
        evidence.put("relativeSlope", Numbers.round(relative));
        evidence.put("median", Numbers.round(test.median()));
        var points = points(test.table(), test.measure());
        var fitted = new ArrayList<Charts.Point>();
        fitted.add(new Charts.Point(from, test.sen().at(0)));
        fitted.add(new Charts.Point(to, test.sen().at(test.values().length - 1)));
        double score = (test.segment() == null
                        ? 0.45 + 0.45 * Math.abs(test.mk().tau())
                        : 0.4 + 0.4 * Math.abs(test.mk().tau()))
                * (measure.isCount() ? 0.9 : 1);
        return new Draft(
                "trend",
                "trend|" + measure.label() + "|" + test.segment(),
                score,
                sentence,
                evidence,
                Charts.line(
                        capitalise(measure.describe()) + " per " + test.unit(),
                        points,
                        fitted,
                        "Sen's slope",
                        null,
                        ""),
                QuerySpecs.spec(
                        scan.datasetId(),
                        List.of(measure),
                        List.of(time),
                        "week".equals(test.unit()) ? "week" : grain.sql,
                        QuerySpecs.eq(test.segment()),
                        time,
                        1000),
                "line");
    }

    private static double relative(TrendTest test) {
        double typical = Math.abs(test.median()) > 0
                ? Math.abs(test.median())
                : Arrays.stream(test.values()).map(Math::abs).average().orElse(1);
        return typical == 0 ? 0 : test.sen().slope() / typical;
    }

    // --- period over period --------------------------------------------------------------------------------------

    List<Draft> periodChanges(PeriodTable overall) {
        var drafts = new ArrayList<Draft>();
        int window = grain.cycle;
        var blocks = overall.blocks(window);
        int b = blocks.size();
        if (b < 2) {
            return drafts;
        }
        var windowName = grain == Grain.DAY ? "7 days" : "24 hours";
        for (int m = 0; m < measures.size(); m++) {
            var measure = measures.get(m);
            var totals = blocks.values(m, measures);
            var lastWindow = new LastWindow(
                    windowName, label(blocks.starts[b - 1]), label(overall.starts[overall.size() - 1]), totals[b - 1]);
            double last = lastWindow.total();
            double previous = totals[b - 2];
            if (Double.isFinite(last) && Double.isFinite(previous) && previous != 0) {
                double change = (last - previous) / Math.abs(previous);
                var changes = new ArrayList<Double>();
                for (int k = 1; k < b; k++) {
                    if (Double.isFinite(totals[k]) && Double.isFinite(totals[k - 1]) && totals[k - 1] != 0) {
                        changes.add((totals[k] - totals[k - 1]) / Math.abs(totals[k - 1]));
                    }
                }
                Double z = null;
                if (changes.size() >= 6) {
                    var robust = RobustZ.of(
                            changes.stream().mapToDouble(Double::doubleValue).toArray());
                    z = robust.mad() > 0 ? robust.scores()[robust.scores().length - 1] : null;
                }
                boolean unusual = z != null ? Math.abs(z) >= 2.5 : Math.abs(change) >= 0.1;
                if (unusual && Math.abs(change) >= 0.02) {
                    var against = String.format(
                            Locale.ENGLISH,
                            "the %s before (%s)%s",
                            windowName,
                            Numbers.format(previous),
                            z == null
                                    ? ""
                                    : String.format(
                                            Locale.ENGLISH,
                                            " — an unusual change (robust z = %.1f against %d earlier changes)",
                                            z,
                                            changes.size()));
                    double score = z != null
                            ? 0.35 + 0.5 * Math.min(1, Math.abs(z) / 8)
                            : 0.3 + 0.4 * Math.min(1, Math.abs(change));
                    drafts.add(periodChange(
                            measure,
                            lastWindow,
                            new EarlierWindow("previous", "previous", "previous " + windowName, previous),
                            change,
                            against,
                            z,
                            score));
                }
            }
            int yearBack = grain == Grain.DAY ? 52 : 0;
            if (yearBack > 0 && b - 1 - yearBack >= 0) {
                double yearAgo = totals[b - 1 - yearBack];
                if (Double.isFinite(last) && Double.isFinite(yearAgo) && yearAgo != 0) {
                    double change = (last - yearAgo) / Math.abs(yearAgo);
                    if (Math.abs(change) >= 0.05) {
                        var agoFrom = label(blocks.starts[b - 1 - yearBack]);
                        var agoTo = label(blocks.starts[b - 1 - yearBack] + (window - 1) * grain.seconds);
                        var against = String.format(
                                Locale.ENGLISH,
                                "the same %s a year earlier (%s to %s: %s)",
                                windowName,
                                agoFrom,
                                agoTo,
                                Numbers.format(yearAgo));
                        drafts.add(periodChange(
                                measure,
                                lastWindow,
                                new EarlierWindow("year", "yearAgo", "a year earlier", yearAgo),
                                change,
                                against,
                                null,
                                0.3 + 0.4 * Math.min(1, Math.abs(change))));
                    }
                }
            }
        }
        return drafts;
    }

    /** The last complete window of a period-over-period comparison: its name, first and last period, and total. */
    private record LastWindow(String name, String from, String to, double total) {}

    /**
     * The window the last one is set against: its name in the insight's key and evidence ({@code comparison}), the
     * evidence field of its total, its bar in the chart, and its total.
     */
    private record EarlierWindow(String comparison, String totalField, String chartLabel, double total) {}

    /** The finding that a measure's last window changed on an earlier one; {@code against} ends the sentence. */
    private Draft periodChange(
            Plan.Measure measure,
            LastWindow last,
            EarlierWindow earlier,
            double change,
            String against,
            @Nullable Double z,
            double score) {
        var sentence = String.format(
                Locale.ENGLISH,
                "%s in the last %s (%s to %s) was %s, %s on %s.",
                capitalise(measure.describe()),
                last.name(),
                last.from(),
                last.to(),
                Numbers.format(last.total()),
                Numbers.change(change),
                against);
        var evidence = new LinkedHashMap<String, Object>();
        evidence.put("measure", measure.label());
        evidence.put("agg", measure.agg());
        evidence.put("comparison", earlier.comparison());
        evidence.put("window", last.name());
        evidence.put("from", last.from());
        evidence.put("to", last.to());
        evidence.put("last", Numbers.round(last.total()));
        evidence.put(earlier.totalField(), Numbers.round(earlier.total()));
        evidence.put("change", Numbers.round(change));
        if (z != null) {
            evidence.put("robustZ", Numbers.round(z));
        }
        return new Draft(
                "period-change",
                "period-change|" + earlier.comparison() + "|" + measure.label(),
                score * (measure.isCount() ? 0.9 : 1),
                sentence,
                evidence,
                Charts.bar(
                        List.of(earlier.chartLabel(), "last " + last.name()),
                        measure.describe(),
                        List.of(earlier.total(), last.total())),
                spec(measure),
                "kpi");
    }

    private Map<String, Object> spec(Plan.Measure measure) {
        return QuerySpecs.spec(
                scan.datasetId(),
                List.of(measure),
                List.of(time),
                grain == Grain.DAY ? "week" : "day",
                List.of(),
                time,
                1000);
    }

    // --- anomalies ---------------------------------------------------------------------------------------------------

    private record Anomaly(int index, double value, double expected, double z) {
        double relative() {
            return TimeSeriesInsights.relative(value, expected);
        }
    }

    /** The change from {@code expected} to {@code value} as a share of it; the sign alone when nothing was expected. */
    private static double relative(double value, double expected) {
        return expected == 0 ? Math.signum(value - expected) : (value - expected) / Math.abs(expected);
    }

    List<Draft> anomalies(Map<Plan.@Nullable Segment, PeriodTable> tables, List<String> notes) {
        var drafts = new ArrayList<Draft>();
        var overall = new HashMap<Integer, Map<Integer, Anomaly>>();
        int dropped = 0;
        for (int m = 0; m < measures.size(); m++) {
            for (var entry : tables.entrySet()) {
                var table = entry.getValue();
                if (table.size() < 14) {
                    if (entry.getKey() == null && m == 0) {
                        notes.add("Only " + table.size() + " " + grain.sql + "s of data: too few to look for anomalies"
                                + " (14 needed).");
                    }
                    continue;
                }
                var values = filled(table.values(m, measures));
                if (entry.getKey() != null && sparse(values)) {
                    continue;
                }
                int period = table.size() >= 4 * grain.cycle ? grain.cycle : 1;
                var parts = SeasonalDecomposition.of(values, period);
                var robust = RobustZ.of(parts.residual());
                if (robust.mad() == 0) {
                    continue;
                }
                var found = new ArrayList<Anomaly>();
                // A segment's series is noisier and there are many of them: it must stand out further.
                double threshold = entry.getKey() == null ? RobustZ.OUTLIER : SEGMENT_THRESHOLD;
                double reach = entry.getKey() == null ? 0.05 : 0.3;
                for (int i = 0; i < values.length; i++) {
                    double expected = parts.trend()[i] + parts.seasonal()[i];
                    double z = robust.scores()[i];
                    if (Math.abs(z) >= threshold
                            && Math.abs(values[i] - expected) >= reach * Math.max(Math.abs(expected), 1e-9)) {
                        found.add(new Anomaly(i, values[i], expected, z));
                    }
                }
                if (entry.getKey() == null) {
                    var byIndex = new HashMap<Integer, Anomaly>();
                    found.forEach(a -> byIndex.put(a.index(), a));
                    overall.put(m, byIndex);
                } else {
                    var whole = overall.getOrDefault(m, Map.of());
                    int before = found.size();
                    found.removeIf(a -> whole.containsKey(a.index())
                            && Math.abs(a.relative())
                                    <= 2 * Math.abs(whole.get(a.index()).relative()));
                    dropped += before - found.size();
                }
                if (found.isEmpty()) {
                    continue;
                }
                found.sort(Comparator.comparingDouble((Anomaly a) -> -Math.abs(a.z())));
                var top = new ArrayList<>(found.subList(0, Math.min(MAX_ANOMALIES, found.size())));
                top.sort(Comparator.comparingInt(Anomaly::index));
                drafts.add(anomaly(m, entry.getKey(), table, values, parts, robust, top, found.size(), period));
            }
        }
        if (dropped > 0) {
            notes.add(
                    dropped + " unusual " + grain.sql + "s of segments were also unusual overall and are named once.");
        }
        return drafts;
    }

    private Draft anomaly(
            int m,
            Plan.@Nullable Segment segment,
            PeriodTable table,
            double[] values,
            SeasonalDecomposition parts,
            RobustZ robust,
            List<Anomaly> top,
            int total,
            int period) {
        var measure = measures.get(m);
        var named = new ArrayList<String>();
        var listed = new ArrayList<Map<String, Object>>();
        double maxZ = 0;
        for (var a : top) {
            var at = label(table.starts[a.index()]);
            named.add(day(table.starts[a.index()], a, null));
            var item = new LinkedHashMap<String, Object>();
            item.put("at", at);
            item.put("value", Numbers.round(a.value()));
            item.put("expected", Numbers.round(a.expected()));
            item.put("robustZ", Numbers.round(a.z()));
            listed.add(item);
            maxZ = Math.max(maxZ, Math.abs(a.z()));
        }
        var more = total > top.size() ? " and " + (total - top.size()) + " more" : "";
        var sentence = unusualSentence(measure, segment, named, more);
        var evidence = new LinkedHashMap<String, Object>();
        evidence.put("measure", measure.label());
        evidence.put("agg", measure.agg());
        evidence.put("segment", segment == null ? "all" : segment.toString());
        evidence.put("grain", grain.sql);
        evidence.put("season", period);
        evidence.put("threshold", segment == null ? RobustZ.OUTLIER : SEGMENT_THRESHOLD);
        evidence.put("residualMad", Numbers.round(robust.mad()));
        evidence.put("anomalies", listed);
        evidence.put("count", total);
        var points = new ArrayList<Charts.Point>();
        var expected = new ArrayList<Charts.Point>();
        for (int i = 0; i < values.length; i++) {
            points.add(new Charts.Point(label(table.starts[i]), values[i]));
            expected.add(new Charts.Point(label(table.starts[i]), parts.trend()[i] + parts.seasonal()[i]));
        }
        var marked = top.stream()
                .map(a -> new Charts.Point(label(table.starts[a.index()]), a.value()))
                .toList();
        double score = segment == null ? 0.5 + 0.45 * Math.min(1, maxZ / 25) : 0.4 + 0.4 * Math.min(1, maxZ / 25);
        var key = "anomaly|" + measure.label() + "|" + segment;
        unusual.put(
                key,
                new Unusual(
                        measure,
                        segment,
                        top.stream().map(a -> table.starts[a.index()]).toList(),
                        top,
                        listed,
                        more));
        return new Draft(
                "anomaly",
                key,
                score * (measure.isCount() ? 0.9 : 1),
                sentence,
                evidence,
                Charts.line(capitalise(measure.describe()), points, expected, "expected", marked, "unusual"),
                QuerySpecs.spec(
                        scan.datasetId(),
                        List.of(measure),
                        List.of(time),
                        grain.sql,
                        QuerySpecs.eq(segment),
                        time,
                        1000),
                "line");
    }

    private record Unusual(
            Plan.Measure measure,
            Plan.@Nullable Segment segment,
            List<Long> starts,
            List<Anomaly> anomalies,
            List<Map<String, Object>> items,
            String more) {}

    /** A value of another segment column: its total over the whole span and on each unusual period. */
    private record Part(@Nullable String value, double total, double[] during) {}

    /** A value of another segment column that moved most of an unusual period. */
    private record Driver(Plan.Segment segment, double value, double expected, double share) {}

    /** A share of the deviation the driver must carry, and how far off its own expected value it must be. */
    private static final double DRIVER_SHARE = 0.6;

    private static final double DRIVER_REACH = 0.3;

    /** A value this large a share of the subject is the subject itself (the region of a store). */
    private static final double MAX_DRIVER_SHARE = 0.9;

    /** How many times the rest's relative change the driver's own must be. */
    private static final double DRIVER_CONTRAST = 3;

    /**
     * The ranked drafts with each anomaly of a summed measure explained where one value of another segment column
     * moved most of an unusual period ("mostly store = East"): an outage of one store shows overall and in its region,
     * and the store is what a person acts on, even when it is too small to have a series of its own. A period's
     * deviation from its expected value splits exactly over the values of any segment column, each expected at its
     * usual share of the subject; the narrowest value carrying at least 60 % of the deviation, itself at least 30 % off
     * its own expectation and three times as far off, relatively, as the rest of the subject, is named. One grouped
     * query per anomaly kept.
     */
    List<Draft> explain(List<Draft> ranked) throws SQLException {
        var explained = new ArrayList<Draft>(ranked.size());
        for (var draft : ranked) {
            var found = unusual.get(draft.key());
            explained.add(found == null || "avg".equals(found.measure().agg()) ? draft : explain(draft, found));
        }
        return explained;
    }

    private Draft explain(Draft draft, Unusual found) throws SQLException {
        var others = plan.segments().stream()
                .filter(c -> found.segment() == null
                        || !c.name().equals(found.segment().column()))
                .toList();
        if (others.isEmpty()) {
            return draft;
        }
        var t = scan.column(time);
        var grouped = others.stream().map(c -> scan.column(c.name())).toList();
        var sql = new StringBuilder("SELECT ");
        for (var column : grouped) {
            sql.append("CAST(")
                    .append(column)
                    .append(" AS VARCHAR), GROUPING(")
                    .append(column)
                    .append("), ");
        }
        sql.append("sum(__fs_x)");
        for (long start : found.starts()) {
            sql.append(", sum(CASE WHEN __fs_p = ").append(start).append(" THEN __fs_x END)");
        }
        sql.append(" FROM (SELECT ")
                .append(String.join(", ", grouped))
                .append(", ")
                .append(
                        found.measure().isCount()
                                ? "1.0"
                                : "CAST("
                                        + scan.column(Objects.requireNonNull(
                                                found.measure().column())) + " AS DOUBLE)")
                .append(" AS __fs_x, ")
                .append(period(t))
                .append(" AS __fs_p FROM ")
                .append(scan.table())
                .append(" WHERE ")
                .append(t)
                .append(" IS NOT NULL");
        if (found.segment() != null) {
            sql.append(" AND CAST(")
                    .append(scan.column(found.segment().column()))
                    .append(" AS VARCHAR) = ?");
        }
        sql.append(") GROUP BY GROUPING SETS (")
                .append(String.join(
                        ", ", grouped.stream().map(c -> "(" + c + ")").toList()))
                .append(")");
        int days = found.starts().size();
        // Per other column: its values' totals over the whole span and on each unusual period.
        var values = new ArrayList<List<Part>>();
        others.forEach(c -> values.add(new ArrayList<>()));
        try (var statement = scan.connection().prepareStatement(sql.toString())) {
            if (found.segment() != null) {
                statement.setString(1, found.segment().value());
            }
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    for (int c = 0; c < others.size(); c++) {
                        if (rs.getInt(2 + 2 * c) == 0) {
                            var during = new double[days];
                            for (int d = 0; d < days; d++) {
                                during[d] = rs.getDouble(2 + 2 * others.size() + d);
                            }
                            values.get(c)
                                    .add(new Part(
                                            rs.getString(1 + 2 * c), rs.getDouble(1 + 2 * others.size()), during));
                        }
                    }
                }
            }
        }
        var drivers = new ArrayList<@Nullable Driver>();
        for (int d = 0; d < days; d++) {
            var anomaly = found.anomalies().get(d);
            double deviation = anomaly.value() - anomaly.expected();
            Driver best = null;
            for (int c = 0; c < others.size(); c++) {
                double whole = values.get(c).stream().mapToDouble(Part::total).sum();
                if (whole == 0) {
                    continue;
                }
                for (var part : values.get(c)) {
                    double share = part.total() / whole;
                    double expected = share * anomaly.expected();
                    double moved = part.during()[d] - expected;
                    // The rest of the subject, without this value: a driver moved far more than the rest did, so a
                    // rise of every value alike (Black Friday in every store) has none.
                    double restExpected = anomaly.expected() - expected;
                    double restMoved = deviation - moved;
                    if (part.value() != null
                            && share <= MAX_DRIVER_SHARE
                            && moved / deviation >= DRIVER_SHARE
                            && Math.abs(moved) >= DRIVER_REACH * Math.abs(expected)
                            && Math.abs(moved) * Math.abs(restExpected)
                                    >= DRIVER_CONTRAST * Math.abs(restMoved) * Math.abs(expected)
                            && (best == null || share < best.share())) {
                        best = new Driver(
                                new Plan.Segment(others.get(c).name(), part.value()),
                                part.during()[d],
                                expected,
                                share);
                    }
                }
            }
            drivers.add(best);
        }
        if (drivers.stream().allMatch(Objects::isNull)) {
            return draft;
        }
        var named = new ArrayList<String>();
        var evidence = new LinkedHashMap<>(draft.evidence());
        var listed = new ArrayList<Object>();
        for (int d = 0; d < days; d++) {
            var driver = drivers.get(d);
            named.add(day(found.starts().get(d), found.anomalies().get(d), driver));
            var item = new LinkedHashMap<>(found.items().get(d));
            if (driver != null) {
                item.put(
                        "driver",
                        Map.of(
                                "segment", driver.segment().toString(),
                                "value", Numbers.round(driver.value()),
                                "expected", Numbers.round(driver.expected())));
            }
            listed.add(item);
        }
        evidence.put("anomalies", listed);
        return new Draft(
                draft.type(),
                draft.key(),
                draft.score(),
                unusualSentence(found.measure(), found.segment(), named, found.more()),
                evidence,
                draft.chart(),
                draft.query(),
                draft.widget());
    }

    private String unusualSentence(
            Plan.Measure measure, Plan.@Nullable Segment segment, List<String> named, String more) {
        return String.format(
                Locale.ENGLISH,
                "Unusual %ss in %s: %s%s.",
                grain.sql,
                subject(measure, segment),
                String.join("; ", named),
                more);
    }

    private static String against(double value, double expected) {
        return Numbers.format(value) + " against an expected " + Numbers.format(expected) + ", "
                + Numbers.change(relative(value, expected));
    }

    /** One unusual period as the sentence names it, with what moved most of it when that is known. */
    private String day(long start, Anomaly anomaly, @Nullable Driver driver) {
        return label(start) + " (" + against(anomaly.value(), anomaly.expected())
                + (driver == null
                        ? ""
                        : ", mostly " + driver.segment() + ": " + against(driver.value(), driver.expected()))
                + ")";
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private List<Charts.Point> points(PeriodTable table, int m) {
        var values = table.values(m, measures);
        return IntStream.range(0, table.size())
                .mapToObj(i -> new Charts.Point(label(table.starts[i]), values[i]))
                .toList();
    }

    String label(long epochSeconds) {
        var at = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        return grain == Grain.DAY ? at.toLocalDate().toString() : at.toString();
    }

    private static String subject(Plan.Measure measure, Plan.@Nullable Segment segment) {
        return segment == null ? measure.describe() : measure.describe() + " for " + segment;
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A series mostly of empty periods has no usual level to depart from. */
    private static boolean sparse(double[] values) {
        return Arrays.stream(values).filter(v -> v == 0).count() > values.length / 5;
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    /** Periods without a value (an average over no rows) take the median, so they neither stand out nor hide others. */
    private static double[] filled(double[] values) {
        double median = median(finite(values));
        return Arrays.stream(values).map(v -> Double.isFinite(v) ? v : median).toArray();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
