package dev.foresight.insights.internal;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.insights.ColumnProfile;
import dev.foresight.insights.stats.RobustZ;
import dev.foresight.shared.stats.BenjaminiHochberg;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.jspecify.annotations.Nullable;

/**
 * What the rows themselves show: measures that move together (Pearson and Spearman on a fixed-seed reservoir sample,
 * Benjamini–Hochberg across all pairs) and values far from the rest (robust z-scores by the median absolute
 * deviation, on a log scale for right-skewed positive measures).
 */
final class RowInsights {

    private static final int CHART_POINTS = 400;

    /** The robust z the most extreme value must reach for the rows beyond the fences to be told. */
    private static final double STRONG = 5;

    private final DatasetScan scan;
    private final Plan plan;
    private final InsightsProperties properties;

    RowInsights(DatasetScan scan, Plan plan, InsightsProperties properties) {
        this.scan = scan;
        this.plan = plan;
        this.properties = properties;
    }

    // --- correlations ------------------------------------------------------------------------------------------------

    private record Pair(
            int a,
            int b,
            int n,
            double pearson,
            double pearsonP,
            double spearman,
            double spearmanP,
            List<double[]> points) {}

    List<Draft> correlations(List<String> notes) throws SQLException {
        var measures = plan.measures();
        if (measures.size() < 2) {
            if (!measures.isEmpty()) {
                notes.add("One measure only, so no correlations.");
            }
            return List.of();
        }
        var columns = measures.stream()
                .map(m -> "CAST(" + scan.column(Objects.requireNonNull(m.column())) + " AS DOUBLE)")
                .toList();
        var sample = new ArrayList<double[]>();
        try (var statement = scan.connection().createStatement();
                var rs = statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + scan.table()
                        + " USING SAMPLE reservoir(" + properties.sampleRows() + " ROWS) REPEATABLE (42)")) {
            while (rs.next()) {
                var row = new double[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getDouble(i + 1);
                    if (rs.wasNull()) {
                        row[i] = Double.NaN;
                    }
                }
                sample.add(row);
            }
        }
        var pairs = new ArrayList<Pair>();
        int possible = measures.size() * (measures.size() - 1) / 2;
        outer:
        for (int a = 0; a < measures.size(); a++) {
            for (int b = a + 1; b < measures.size(); b++) {
                if (pairs.size() >= properties.maxPairs()) {
                    break outer;
                }
                var pair = pair(sample, a, b);
                if (pair != null) {
                    pairs.add(pair);
                }
            }
        }
        if (possible > properties.maxPairs()) {
            notes.add("Correlations: " + properties.maxPairs() + " of " + possible + " measure pairs tested (the"
                    + " limit of foresight.insights.max-pairs).");
        }
        var qPearson = BenjaminiHochberg.adjust(
                pairs.stream().mapToDouble(Pair::pearsonP).toArray());
        var qSpearman = BenjaminiHochberg.adjust(
                pairs.stream().mapToDouble(Pair::spearmanP).toArray());
        var drafts = new ArrayList<Draft>();
        for (int i = 0; i < pairs.size(); i++) {
            var pair = pairs.get(i);
            boolean linear = qPearson[i] <= properties.alpha() && Math.abs(pair.pearson()) >= 0.3;
            boolean monotone = qSpearman[i] <= properties.alpha() && Math.abs(pair.spearman()) >= 0.3;
            if (linear || monotone) {
                drafts.add(correlation(pair, qPearson[i], qSpearman[i]));
            }
        }
        return drafts;
    }

    private @Nullable Pair pair(List<double[]> sample, int a, int b) {
        var xs = new ArrayList<Double>();
        var ys = new ArrayList<Double>();
        for (var row : sample) {
            if (Double.isFinite(row[a]) && Double.isFinite(row[b])) {
                xs.add(row[a]);
                ys.add(row[b]);
            }
        }
        int n = xs.size();
        if (n < 10) {
            return null;
        }
        var x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        var y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        if (constant(x) || constant(y)) {
            return null;
        }
        double r = new PearsonsCorrelation().correlation(x, y);
        double rho = new SpearmansCorrelation().correlation(x, y);
        if (!Double.isFinite(r) || !Double.isFinite(rho)) {
            return null;
        }
        var points = new ArrayList<double[]>();
        for (int i = 0; i < Math.min(n, CHART_POINTS); i++) {
            points.add(new double[] {x[i], y[i]});
        }
        return new Pair(a, b, n, r, pValue(r, n), rho, pValue(rho, n), points);
    }

    /** The two-sided p-value of a correlation coefficient: t = r·√((n−2)/(1−r²)) on n−2 degrees of freedom. */
    static double pValue(double r, int n) {
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
        return 2 * (1 - new TDistribution(n - 2).cumulativeProbability(t));
    }

    private Draft correlation(Pair pair, double qPearson, double qSpearman) {
        var a = plan.measures().get(pair.a());
        var b = plan.measures().get(pair.b());
        double strongest = Math.abs(pair.pearson()) >= Math.abs(pair.spearman()) ? pair.pearson() : pair.spearman();
        var sentence = String.format(
                Locale.ENGLISH,
                "%s and %s %s: Pearson r = %.2f, Spearman ρ = %.2f over %s %srows (Benjamini–Hochberg %s).",
                a.label(),
                b.label(),
                strongest > 0 ? "move together" : "move in opposite directions",
                pair.pearson(),
                pair.spearman(),
                Numbers.format(pair.n()),
                pair.n() < plan.rows() ? "sampled " : "",
                Numbers.p(Math.min(qPearson, qSpearman)).replace("p", "q"));
        var evidence = new LinkedHashMap<String, Object>();
        evidence.put("measures", List.of(a.label(), b.label()));
        evidence.put("n", pair.n());
        evidence.put("pearson", Numbers.round(pair.pearson()));
        evidence.put("pearsonP", pair.pearsonP());
        evidence.put("pearsonQ", qPearson);
        evidence.put("spearman", Numbers.round(pair.spearman()));
        evidence.put("spearmanP", pair.spearmanP());
        evidence.put("spearmanQ", qSpearman);
        var time = plan.time();
        var avgA = new Plan.Measure(a.column(), "avg");
        var avgB = new Plan.Measure(b.column(), "avg");
        return new Draft(
                "correlation",
                "correlation|" + a.label() + "|" + b.label(),
                0.3 + 0.6 * Math.abs(strongest),
                sentence,
                evidence,
                Charts.scatter(a.label(), b.label(), pair.points()),
                QuerySpecs.spec(
                        scan.datasetId(),
                        List.of(avgA, avgB),
                        time == null ? List.of() : List.of(time.name()),
                        time == null ? null : "day",
                        List.of(),
                        null,
                        1000),
                "scatter");
    }

    private static boolean constant(double[] values) {
        for (var v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    // --- outliers ----------------------------------------------------------------------------------------------------

    List<Draft> outliers() throws SQLException {
        var drafts = new ArrayList<Draft>();
        boolean exact = plan.rows() <= Profiler.EXACT_LIMIT;
        for (var measure : plan.measures()) {
            var column = Objects.requireNonNull(measure.column());
            var profile = plan.profiles().get(column);
            var q = profile.quantiles();
            if (!q.containsKey("p5") || !q.containsKey("p50") || !q.containsKey("p95")) {
                continue;
            }
            double p5 = q.get("p5");
            double p50 = q.get("p50");
            double p95 = q.get("p95");
            boolean log = p5 > 0 && (p95 - p50) > 3 * (p50 - p5);
            var c = scan.column(column);
            var value = log ? "CASE WHEN " + c + " > 0 THEN ln(" + c + ") END" : "CAST(" + c + " AS DOUBLE)";
            double center = log ? Math.log(p50) : p50;
            double mad;
            try (var statement = scan.connection()
                    .prepareStatement("SELECT "
                            + (exact ? "median(" : "approx_quantile(") + "abs(" + value + " - ?)"
                            + (exact ? ")" : ", 0.5)")
                            + " FROM " + scan.table())) {
                statement.setDouble(1, center);
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    mad = rs.getDouble(1);
                }
            }
            if (!(mad > 0)) {
                continue;
            }
            double reach = RobustZ.OUTLIER * mad / 0.6745;
            long count;
            double max;
            double min;
            try (var statement = scan.connection()
                    .prepareStatement("SELECT count(*) FILTER (WHERE abs(" + value
                            + " - ?) > ?), max(CAST(" + c + " AS DOUBLE)), min(CAST(" + c + " AS DOUBLE)) FROM "
                            + scan.table())) {
                statement.setDouble(1, center);
                statement.setDouble(2, reach);
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    max = rs.getDouble(2);
                    min = rs.getDouble(3);
                }
            }
            if (count == 0 || count > Math.max(1, profile.count() / 100)) {
                continue;
            }
            double zMax = 0.6745 * (transform(max, log) - center) / mad;
            double zMin = min > 0 || !log ? 0.6745 * (transform(min, log) - center) / mad : Double.NEGATIVE_INFINITY;
            boolean high = Math.abs(zMax) >= Math.abs(zMin);
            double extreme = high ? max : min;
            double z = high ? zMax : zMin;
            // A long tail just past the fence is the shape of the distribution, not an outlier worth a card.
            if (Math.abs(z) < STRONG) {
                continue;
            }
            double upper = log ? Math.exp(center + reach) : center + reach;
            double lower = log ? Math.exp(center - reach) : center - reach;
            var sentence = String.format(
                    Locale.ENGLISH,
                    "%s %s unusual %s values (robust z beyond ±%.1f%s: above %s or below %s); the most extreme is %s"
                            + " against a median of %s.",
                    Numbers.format(count),
                    count == 1 ? "row has an" : "rows have",
                    column,
                    RobustZ.OUTLIER,
                    log ? " on a log scale" : "",
                    Numbers.format(upper),
                    Numbers.format(lower),
                    Numbers.format(extreme),
                    Numbers.format(p50));
            var evidence = new LinkedHashMap<String, Object>();
            evidence.put("measure", column);
            evidence.put("rows", count);
            evidence.put("share", Numbers.round(count / (double) profile.count()));
            evidence.put("median", Numbers.round(p50));
            evidence.put("mad", Numbers.round(mad));
            evidence.put("logScale", log);
            evidence.put("upperFence", Numbers.round(upper));
            evidence.put("lowerFence", Numbers.round(lower));
            evidence.put("extreme", Numbers.round(extreme));
            if (Double.isFinite(z)) {
                evidence.put("robustZ", Numbers.round(z));
            }
            var bins = profile.histogram();
            drafts.add(new Draft(
                    "outlier",
                    "outlier|" + column,
                    0.3 + 0.5 * Math.min(1, Double.isFinite(z) ? Math.abs(z) / 50 : 1),
                    sentence,
                    evidence,
                    Charts.bar(
                            bins.stream().map(ColumnProfile.Bin::from).toList(),
                            "rows",
                            bins.stream().map(bin -> (double) bin.count()).toList()),
                    QuerySpecs.spec(
                            scan.datasetId(),
                            List.of(Plan.Measure.ROWS),
                            List.of(),
                            null,
                            List.of(QuerySpecs.filter(column, high ? "gt" : "lt", Numbers.round(high ? upper : lower))),
                            null,
                            1),
                    "kpi"));
        }
        return drafts;
    }

    private static double transform(double value, boolean log) {
        return log ? Math.log(value) : value;
    }
}
