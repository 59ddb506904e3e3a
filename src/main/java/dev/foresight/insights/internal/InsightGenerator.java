package dev.foresight.insights.internal;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.executions.Progress;
import dev.foresight.insights.DatasetProfile;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a profiled version into ranked insights. DuckDB does the heavy lifting in a handful of grouped passes (per
 * segment column, per period, a row sample); the statistics run on those aggregates. An analysis that cannot run on
 * this data adds a note instead of failing the run.
 */
@Component
class InsightGenerator {

    private static final Logger log = LoggerFactory.getLogger(InsightGenerator.class);

    /** At most this many insights of one type, so one kind of finding cannot crowd out the others. */
    private static final Map<String, Integer> PER_TYPE = Map.of(
            "trend", 10,
            "anomaly", 10,
            "period-change", 8,
            "correlation", 8,
            "outlier", 6,
            "concentration", 4,
            "missing-data", 6,
            "rate-change", 6);

    record Generated(List<Draft> insights, List<String> notes) {}

    private final InsightsProperties properties;

    InsightGenerator(InsightsProperties properties) {
        this.properties = properties;
    }

    @FunctionalInterface
    private interface Analysis {
        List<Draft> run() throws SQLException;
    }

    Generated generate(DatasetScan scan, DatasetProfile profile, Progress progress) {
        var plan = Plan.of(scan.columns(), profile, properties);
        var notes = new ArrayList<>(plan.notes());
        var drafts = new ArrayList<Draft>();
        var segments = new SegmentInsights(scan, plan, properties);
        if (profile.rowCount() < 3) {
            notes.add("Only " + profile.rowCount() + " rows: too few to analyse beyond the profile.");
            attempt("missing data", notes, drafts, () -> segments.missing(List.of()));
            return new Generated(rank(drafts), notes);
        }
        var summaries = new ArrayList<SegmentInsights.Summary>();
        attempt("segments", notes, drafts, () -> {
            summaries.addAll(segments.summaries());
            var found = new ArrayList<>(segments.concentration(summaries));
            found.addAll(segments.missing(summaries));
            return found;
        });
        progress.update(50, "Analysing segments done; looking at time");
        var time = plan.time();
        var series = time == null ? null : new TimeSeriesInsights(scan, plan, properties);
        if (series != null) {
            attempt("time", notes, drafts, () -> {
                var tables = series.load(segments.largest(summaries));
                var found = new ArrayList<>(series.trends(tables, notes));
                found.addAll(series.periodChanges(tables.get(null)));
                found.addAll(series.anomalies(tables, notes));
                var overall = tables.get(null);
                if (series.grain() == TimeSeriesInsights.Grain.DAY && overall.size() >= 14) {
                    long end = overall.starts[overall.size() - 1] + 86400;
                    found.addAll(segments.shareChanges(time.name(), end, plan.profiles()));
                }
                return found;
            });
        }
        progress.update(75, "Time analysed; looking at rows");
        var rows = new RowInsights(scan, plan, properties);
        attempt("correlations", notes, drafts, () -> rows.correlations(notes));
        attempt("outliers", notes, drafts, rows::outliers);
        var ranked = rank(drafts);
        if (series != null) {
            try {
                ranked = series.explain(ranked);
            } catch (SQLException | RuntimeException failed) {
                log.warn("Insights: explaining the anomalies failed", failed);
                notes.add("The anomalies could not be explained by segment: " + failed.getMessage());
            }
        }
        return new Generated(ranked, notes);
    }

    private static void attempt(String what, List<String> notes, List<Draft> drafts, Analysis analysis) {
        try {
            drafts.addAll(analysis.run());
        } catch (SQLException | RuntimeException failed) {
            log.warn("Insights: the {} analysis failed", what, failed);
            notes.add("The " + what + " analysis could not run on this data: " + failed.getMessage());
        }
    }

    /** Best first, one per key, at most a few of each type and {@code maxInsights} in all. */
    private List<Draft> rank(List<Draft> drafts) {
        var sorted = new ArrayList<>(drafts);
        sorted.sort(Comparator.comparingDouble(Draft::score).reversed().thenComparing(Draft::key));
        var keys = new HashSet<String>();
        var perType = new HashMap<String, Integer>();
        var ranked = new ArrayList<Draft>();
        for (var draft : sorted) {
            if (ranked.size() >= properties.maxInsights() || !keys.add(draft.key())) {
                continue;
            }
            int count = perType.merge(draft.type(), 1, Integer::sum);
            if (count <= PER_TYPE.getOrDefault(draft.type(), 5)) {
                ranked.add(draft);
            }
        }
        return ranked;
    }
}
