package dev.foresight.insights.internal;

import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import dev.foresight.insights.ColumnProfile;
import dev.foresight.shared.stats.BenjaminiHochberg;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What the segment columns show: how concentrated the main measure is, where values go missing, and which shares
 * moved in the last week. One grouped query per segment column, and one per pair for the shares.
 */
final class SegmentInsights {

    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final int MAX_NULLABLE = 30;
    private static final long WEEK = 7 * 86400L;
    private static final int BASELINE_WEEKS = 4;
    /** A segment smaller than this share of the rows gets no series of its own: too few rows per period. */
    private static final double MIN_SEGMENT_SHARE = 0.05;

    /** One value of a segment column: its rows, its sum of each summed measure, its non-empty count per nullable column. */
    record Group(String value, long rows, double[] sums, long[] filled) {}

    record Summary(DatasetColumn column, List<Group> groups) {}

    private final DatasetScan scan;
    private final Plan plan;
    private final InsightsProperties properties;
    private final List<Plan.Measure> summed;
    private final List<ColumnProfile> nullable;

    SegmentInsights(DatasetScan scan, Plan plan, InsightsProperties properties) {
        this.scan = scan;
        this.plan = plan;
        this.properties = properties;
        this.summed =
                plan.measures().stream().filter(m -> "sum".equals(m.agg())).toList();
        this.nullable = plan.profiles().values().stream()
                .filter(p -> p.nulls() > 0 && p.count() > 0)
                .sorted(Comparator.comparingLong(ColumnProfile::nulls).reversed())
                .limit(MAX_NULLABLE)
                .toList();
    }

    List<Summary> summaries() throws SQLException {
        var summaries = new ArrayList<Summary>();
        for (var column : plan.segments()) {
            var sql = new StringBuilder("SELECT CAST(" + scan.column(column.name()) + " AS VARCHAR), count(*)");
            for (var m : summed) {
                sql.append(", sum(CAST(")
                        .append(scan.column(Objects.requireNonNull(m.column())))
                        .append(" AS DOUBLE))");
            }
            for (var p : nullable) {
                sql.append(", count(").append(scan.column(p.name())).append(")");
            }
            sql.append(" FROM ").append(scan.table()).append(" GROUP BY 1");
            var groups = new ArrayList<Group>();
            try (var statement = scan.connection().createStatement();
                    var rs = statement.executeQuery(sql.toString())) {
                while (rs.next()) {
                    var sums = new double[summed.size()];
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] = rs.getDouble(3 + i);
                    }
                    var filled = new long[nullable.size()];
                    for (int i = 0; i < filled.length; i++) {
                        filled[i] = rs.getLong(3 + sums.length + i);
                    }
                    var value = rs.getString(1);
                    groups.add(new Group(value == null ? "(empty)" : value, rs.getLong(2), sums, filled));
                }
            }
            summaries.add(new Summary(column, groups));
        }
        return summaries;
    }

    /** The largest values of each segment column by the main measure, which get their own trends and anomalies. */
    Map<String, List<String>> largest(List<Summary> summaries) {
        var largest = new LinkedHashMap<String, List<String>>();
        for (var summary : summaries) {
            largest.put(
                    summary.column().name(),
                    summary.groups().stream()
                            .filter(g -> !"(empty)".equals(g.value()) && g.rows() >= plan.rows() * MIN_SEGMENT_SHARE)
                            .sorted(Comparator.comparingDouble(this::size).reversed())
                            .limit(properties.largestSegments())
                            .map(Group::value)
                            .toList());
        }
        return largest;
    }

    private double size(Group group) {
        var main = plan.mainMeasure();
        return main.isCount() ? group.rows() : group.sums()[summed.indexOf(main)];
    }

    // --- concentration ---------------------------------------------------------------------------------------------

    List<Draft> concentration(List<Summary> summaries) {
        var drafts = new ArrayList<Draft>();
        var main = plan.mainMeasure();
        for (var summary : summaries) {
            var groups = summary.groups().stream()
                    .sorted(Comparator.comparingDouble(this::size).reversed())
                    .toList();
            int k = groups.size();
            double total = groups.stream().mapToDouble(this::size).sum();
            if (k < 2
                    || total <= 0
                    || groups.stream().anyMatch(g -> size(g) < 0)
                    || "(empty)".equals(groups.getFirst().value())) {
                continue;
            }
            double top = size(groups.getFirst()) / total;
            double top3 = groups.stream().limit(3).mapToDouble(this::size).sum() / total;
            double hhi = groups.stream()
                    .mapToDouble(g -> Math.pow(size(g) / total, 2))
                    .sum();
            boolean concentrated = top >= 1.5 / k || (k >= 5 && top3 >= 0.8);
            if (!concentrated) {
                continue;
            }
            var column = summary.column().name();
            var what = main.isCount() ? "the rows" : main.column();
            var sentence = String.format(
                    Locale.ENGLISH,
                    "%s = %s makes up %s of %s across %d values of %s%s.",
                    column,
                    groups.getFirst().value(),
                    Numbers.percent(top),
                    what,
                    k,
                    column,
                    k > 3 ? "; the top 3 make up " + Numbers.percent(top3) : "");
            var shares = new LinkedHashMap<String, Double>();
            groups.stream().limit(12).forEach(g -> shares.put(g.value(), size(g)));
            if (k > 12) {
                shares.put(
                        "other",
                        groups.stream().skip(12).mapToDouble(this::size).sum());
            }
            var evidence = new LinkedHashMap<String, Object>();
            evidence.put("segment", column);
            evidence.put("measure", main.label());
            evidence.put("values", k);
            evidence.put("top", groups.getFirst().value());
            evidence.put("topShare", Numbers.round(top));
            evidence.put("top3Share", Numbers.round(top3));
            evidence.put("herfindahl", Numbers.round(hhi));
            drafts.add(new Draft(
                    "concentration",
                    "concentration|" + column,
                    0.25 + 0.5 * (top - 1.0 / k) / (1 - 1.0 / k),
                    sentence,
                    evidence,
                    Charts.pie(main.describe(), shares),
                    QuerySpecs.spec(
                            scan.datasetId(),
                            List.of(main),
                            List.of(column),
                            null,
                            List.of(),
                            "-" + QuerySpecs.resultColumn(main),
                            20),
                    "pie"));
        }
        return drafts;
    }

    // --- missing data ------------------------------------------------------------------------------------------------

    List<Draft> missing(List<Summary> summaries) {
        var drafts = new ArrayList<Draft>();
        for (var p : plan.profiles().values()) {
            if (p.count() == 0 && p.nulls() > 0) {
                var evidence = new LinkedHashMap<String, Object>();
                evidence.put("column", p.name());
                evidence.put("nulls", p.nulls());
                evidence.put("nullShare", 1.0);
                drafts.add(new Draft(
                        "missing-data",
                        "missing|" + p.name(),
                        0.3,
                        "Column " + p.name() + " is empty in every row.",
                        evidence,
                        Charts.bar(List.of(p.name()), "empty", List.of(1.0)),
                        QuerySpecs.spec(
                                scan.datasetId(),
                                List.of(Plan.Measure.ROWS, new Plan.Measure(p.name(), "count")),
                                List.of(),
                                null,
                                List.of(),
                                null,
                                1),
                        "kpi"));
            }
        }
        for (int c = 0; c < nullable.size(); c++) {
            var p = nullable.get(c);
            double share = p.nullShare();
            String patternColumn = null;
            Group pattern = null;
            double best = 0;
            Summary patternSummary = null;
            for (var summary : summaries) {
                if (summary.column().name().equals(p.name())) {
                    continue;
                }
                for (var g : summary.groups()) {
                    long nulls = g.rows() - g.filled()[c];
                    double groupShare = g.rows() == 0 ? 0 : nulls / (double) g.rows();
                    double coverage = nulls / (double) p.nulls();
                    if (groupShare >= Math.max(2 * share, share + 0.2) && coverage >= 0.5 && coverage > best) {
                        best = coverage;
                        pattern = g;
                        patternColumn = summary.column().name();
                        patternSummary = summary;
                    }
                }
            }
            if (share < 0.01 && pattern == null) {
                continue;
            }
            var evidence = new LinkedHashMap<String, Object>();
            evidence.put("column", p.name());
            evidence.put("nulls", p.nulls());
            evidence.put("nullShare", Numbers.round(share));
            String sentence = "Column " + p.name() + " is empty in " + Numbers.percent(share) + " of rows ("
                    + Numbers.format(p.nulls()) + ")";
            Map<String, Object> chart;
            Map<String, Object> query;
            if (pattern != null) {
                double groupShare = (pattern.rows() - pattern.filled()[c]) / (double) pattern.rows();
                sentence += "; " + Numbers.percent(best) + " of those are rows with " + patternColumn + " = "
                        + pattern.value() + ", where it is empty in " + Numbers.percent(groupShare) + ".";
                evidence.put("segment", patternColumn);
                evidence.put("value", pattern.value());
                evidence.put("shareOfNulls", Numbers.round(best));
                evidence.put("nullShareInSegment", Numbers.round(groupShare));
                var categories = new ArrayList<String>();
                var values = new ArrayList<Double>();
                int column = c;
                Objects.requireNonNull(patternSummary).groups().stream()
                        .limit(20)
                        .forEach(g -> {
                            categories.add(g.value());
                            values.add(g.rows() == 0 ? 0 : (g.rows() - g.filled()[column]) / (double) g.rows());
                        });
                chart = Charts.bar(categories, "share empty", values);
                query = QuerySpecs.spec(
                        scan.datasetId(),
                        List.of(Plan.Measure.ROWS, new Plan.Measure(p.name(), "count")),
                        List.of(patternColumn),
                        null,
                        List.of(),
                        null,
                        50);
            } else {
                sentence += ".";
                chart = Charts.bar(
                        List.of("filled", "empty"), p.name(), List.of((double) p.count(), (double) p.nulls()));
                query = QuerySpecs.spec(
                        scan.datasetId(),
                        List.of(Plan.Measure.ROWS, new Plan.Measure(p.name(), "count")),
                        List.of(),
                        null,
                        List.of(),
                        null,
                        1);
            }
            drafts.add(new Draft(
                    "missing-data",
                    "missing|" + p.name(),
                    0.25 + 0.4 * Math.min(1, share * 2) + (pattern != null ? 0.15 : 0),
                    sentence,
                    evidence,
                    chart,
                    query,
                    pattern != null ? "bar" : "kpi"));
        }
        return drafts;
    }

    // --- shares that moved in the last week -------------------------------------------------------------------------

    private record ShareTest(
            String group,
            String groupValue,
            String outcome,
            String outcomeValue,
            long lastRows,
            long lastHits,
            long baseRows,
            long baseHits,
            double[] weekly,
            double z,
            double p) {
        double last() {
            return lastHits / (double) lastRows;
        }

        double base() {
            return baseHits / (double) baseRows;
        }
    }

    /**
     * For pairs of segment columns (a group such as payer, an outcome with few values such as status), tests whether
     * the share of each outcome within each group in the last 7 days differs from the four weeks before (two-proportion
     * z-test, Benjamini–Hochberg across all of them).
     */
    List<Draft> shareChanges(String time, long end, Map<String, ColumnProfile> profiles) throws SQLException {
        var tests = new ArrayList<ShareTest>();
        var t = scan.column(time);
        for (var group : plan.segments()) {
            for (var outcome : plan.segments()) {
                long groupDistinct = profiles.get(group.name()).distinct();
                long outcomeDistinct = profiles.get(outcome.name()).distinct();
                if (group.equals(outcome) || outcomeDistinct > 8 || outcomeDistinct > groupDistinct) {
                    continue;
                }
                var sql = "SELECT CAST(" + scan.column(group.name()) + " AS VARCHAR), CAST("
                        + scan.column(outcome.name()) + " AS VARCHAR), CAST(floor((? - epoch(CAST(" + t
                        + " AS TIMESTAMP))) / " + WEEK + ") AS BIGINT) AS w, count(*) FROM " + scan.table()
                        + " WHERE " + t + " IS NOT NULL AND epoch(CAST(" + t + " AS TIMESTAMP)) >= ? GROUP BY ALL";
                var counts = new HashMap<String, long[]>();
                try (var statement = scan.connection().prepareStatement(sql)) {
                    statement.setLong(1, end);
                    statement.setLong(2, end - (BASELINE_WEEKS + 1) * WEEK);
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            int w = (int) rs.getLong(3);
                            if (w < 0 || w > BASELINE_WEEKS) {
                                continue;
                            }
                            var g = String.valueOf(rs.getString(1));
                            var o = String.valueOf(rs.getString(2));
                            counts.computeIfAbsent(g + "\u0000" + o, key -> new long[BASELINE_WEEKS + 1])[w] +=
                                    rs.getLong(4);
                        }
                    }
                }
                var totals = new HashMap<String, long[]>();
                counts.forEach((key, weeks) -> {
                    var g = key.substring(0, key.indexOf('\u0000'));
                    var sum = totals.computeIfAbsent(g, x -> new long[BASELINE_WEEKS + 1]);
                    for (int w = 0; w <= BASELINE_WEEKS; w++) {
                        sum[w] += weeks[w];
                    }
                });
                counts.forEach((key, weeks) -> {
                    var g = key.substring(0, key.indexOf('\u0000'));
                    var o = key.substring(key.indexOf('\u0000') + 1);
                    if ("null".equals(g) || "null".equals(o)) {
                        return;
                    }
                    var all = totals.get(g);
                    long lastRows = all[0];
                    long baseRows = 0;
                    long baseHits = 0;
                    for (int w = 1; w <= BASELINE_WEEKS; w++) {
                        baseRows += all[w];
                        baseHits += weeks[w];
                    }
                    if (lastRows < 20 || baseRows < 20) {
                        return;
                    }
                    long lastHits = weeks[0];
                    double pooled = (lastHits + baseHits) / (double) (lastRows + baseRows);
                    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / lastRows + 1.0 / baseRows));
                    if (se == 0) {
                        return;
                    }
                    double z = (lastHits / (double) lastRows - baseHits / (double) baseRows) / se;
                    double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
                    var weekly = new double[BASELINE_WEEKS + 1];
                    for (int w = 0; w <= BASELINE_WEEKS; w++) {
                        weekly[BASELINE_WEEKS - w] = all[w] == 0 ? Double.NaN : weeks[w] / (double) all[w];
                    }
                    tests.add(new ShareTest(
                            group.name(), g, outcome.name(), o, lastRows, lastHits, baseRows, baseHits, weekly, z, p));
                });
            }
        }
        var q = BenjaminiHochberg.adjust(
                tests.stream().mapToDouble(ShareTest::p).toArray());
        var candidates = new ArrayList<Map.Entry<ShareTest, Double>>();
        for (int i = 0; i < tests.size(); i++) {
            var test = tests.get(i);
            double ratio = test.base() == 0 ? Double.POSITIVE_INFINITY : test.last() / test.base();
            if (q[i] <= properties.alpha()
                    && Math.abs(test.last() - test.base()) >= 0.05
                    && (ratio >= 1.5 || ratio <= 1 / 1.5)) {
                candidates.add(Map.entry(test, q[i]));
            }
        }
        candidates.sort(Comparator.comparingDouble(e -> -Math.abs(e.getKey().z())));
        var seen = new HashSet<String>();
        var drafts = new ArrayList<Draft>();
        for (var entry : candidates) {
            var test = entry.getKey();
            var about = test.group() + "=" + test.groupValue() + "|" + test.outcome();
            var pair =
                    List.of(test.group() + "=" + test.groupValue(), test.outcome() + "=" + test.outcomeValue()).stream()
                            .sorted()
                            .toList()
                            .toString();
            if (!seen.add(about) || !seen.add(pair)) {
                continue;
            }
            drafts.add(shareChange(test, entry.getValue(), time, end));
        }
        return drafts;
    }

    private Draft shareChange(ShareTest test, double q, String time, long end) {
        var lastTo = java.time.LocalDate.ofEpochDay(Math.floorDiv(end, 86400) - 1);
        var lastFrom = lastTo.minusDays(6);
        var sentence = String.format(
                Locale.ENGLISH,
                "Among %s = %s, the share of %s = %s %s to %s in the last 7 days (%s to %s), from %s in the %d weeks"
                        + " before (%s of %s rows against %s of %s; z = %.1f).",
                test.group(),
                test.groupValue(),
                test.outcome(),
                test.outcomeValue(),
                test.last() > test.base() ? "rose" : "fell",
                Numbers.percent(test.last()),
                lastFrom,
                lastTo,
                Numbers.percent(test.base()),
                BASELINE_WEEKS,
                Numbers.format(test.lastHits()),
                Numbers.format(test.lastRows()),
                Numbers.format(test.baseHits()),
                Numbers.format(test.baseRows()),
                test.z());
        var evidence = new LinkedHashMap<String, Object>();
        evidence.put("segment", test.group() + " = " + test.groupValue());
        evidence.put("outcome", test.outcome() + " = " + test.outcomeValue());
        evidence.put("from", lastFrom.toString());
        evidence.put("to", lastTo.toString());
        evidence.put("lastShare", Numbers.round(test.last()));
        evidence.put("baselineShare", Numbers.round(test.base()));
        evidence.put("lastRows", test.lastRows());
        evidence.put("baselineRows", test.baseRows());
        evidence.put("z", Numbers.round(test.z()));
        evidence.put("pValue", test.p());
        evidence.put("qValue", q);
        var labels = new ArrayList<String>();
        var shares = new ArrayList<Double>();
        for (int w = 0; w <= BASELINE_WEEKS; w++) {
            labels.add(w == BASELINE_WEEKS ? "last 7 days" : (BASELINE_WEEKS - w) + " weeks before");
            shares.add(test.weekly()[w]);
        }
        return new Draft(
                "rate-change",
                "rate|" + test.group() + "=" + test.groupValue() + "|" + test.outcome(),
                0.55 + 0.4 * Math.min(1, Math.abs(test.last() - test.base()) / 0.3),
                sentence,
                evidence,
                Charts.bar(labels, "share of " + test.outcome() + " = " + test.outcomeValue(), shares),
                QuerySpecs.spec(
                        scan.datasetId(),
                        List.of(Plan.Measure.ROWS),
                        List.of(time, test.outcome()),
                        "week",
                        List.of(QuerySpecs.filter(test.group(), "eq", test.groupValue())),
                        time,
                        1000),
                "bar");
    }
}
