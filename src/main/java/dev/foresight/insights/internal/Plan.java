package dev.foresight.insights.internal;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.insights.ColumnProfile;
import dev.foresight.insights.DatasetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a run analyses, chosen from the schema's roles and the profile: the time column, the measures with how each
 * adds up over time, and the segment columns. Everything left out is said in the notes.
 */
record Plan(
        @Nullable DatasetColumn time,
        List<Measure> measures,
        List<DatasetColumn> segments,
        Map<String, ColumnProfile> profiles,
        long rows,
        List<String> notes) {

    /** A measure and how it adds up per period: {@code sum}, {@code avg}, or {@code count} of rows (no column). */
    record Measure(@Nullable String column, String agg) {

        static final Measure ROWS = new Measure(null, "count");

        String label() {
            return column == null ? "row count" : column;
        }

        /** What a chart or sentence calls the per-period figure, e.g. "sum of revenue". */
        String describe() {
            return column == null ? "rows" : ("avg".equals(agg) ? "average " : "") + column;
        }

        boolean isCount() {
            return column == null;
        }
    }

    record Segment(String column, String value) {
        @Override
        public String toString() {
            return column + " = " + value;
        }
    }

    private static final Pattern AVERAGED =
            Pattern.compile("(?i).*(price|pct|percent|rate|ratio|avg|mean|score|age|temp|discount|share|margin).*");
    private static final Pattern CODE_LIKE =
            Pattern.compile("(?i).*(code|_id|^id|npi|zip|postal|phone|year|number|_no)$");

    static Plan of(List<DatasetColumn> columns, DatasetProfile profile, InsightsProperties properties) {
        var notes = new ArrayList<String>();
        Map<String, ColumnProfile> profiles =
                profile.columns().stream().collect(Collectors.toMap(ColumnProfile::name, p -> p, (a, b) -> a));
        DatasetColumn time = null;
        var measures = new ArrayList<Measure>();
        var segments = new ArrayList<DatasetColumn>();
        var skippedMeasures = new ArrayList<String>();
        for (var column : columns) {
            var p = profiles.get(column.name());
            if (p == null) {
                continue;
            }
            if (p.count() == 0) {
                notes.add("Column '" + column.name() + "' is always empty, so it is not analysed.");
                continue;
            }
            boolean constant = p.distinct() <= 1;
            if (column.role() == ColumnRole.TIME && column.type().isTemporal()) {
                if (time == null && !constant) {
                    time = column;
                }
            } else if (column.role() == ColumnRole.MEASURE && column.type().isNumeric()) {
                if (constant) {
                    notes.add("Measure '" + column.name() + "' is constant (" + p.min() + "), so it has nothing to"
                            + " show.");
                } else if (identifierLike(column, p)) {
                    notes.add("Numeric column '" + column.name() + "' looks like a code or identifier, not a"
                            + " measure; set its role to MEASURE on the schema tab if it is one.");
                } else if (measures.size() < properties.maxMeasures()) {
                    boolean averaged = AVERAGED.matcher(column.name()).matches()
                            || (p.min() != null && p.min().startsWith("-"));
                    measures.add(new Measure(column.name(), averaged ? "avg" : "sum"));
                } else {
                    skippedMeasures.add(column.name());
                }
            } else if (column.role() == ColumnRole.SEGMENT
                    || (column.role() == ColumnRole.LABEL && p.distinct() <= 20)) {
                if (constant) {
                    notes.add("Column '" + column.name() + "' has one value only (" + p.min() + ").");
                } else if (p.distinct() <= 50 && segments.size() < properties.maxSegmentColumns()) {
                    segments.add(column);
                }
            }
        }
        if (!skippedMeasures.isEmpty()) {
            notes.add("Only the first " + properties.maxMeasures() + " measures are analysed; left out: "
                    + String.join(", ", skippedMeasures) + ".");
        }
        if (time == null) {
            notes.add("No time column (a date or timestamp with the role TIME), so no trends, period changes or"
                    + " anomalies over time.");
        }
        if (measures.isEmpty()) {
            notes.add("No measures (numeric columns with the role MEASURE), so no correlations or outliers; row counts"
                    + " stand in where a measure would be used.");
        }
        if (segments.isEmpty()) {
            notes.add("No segment columns (text with at most 50 distinct values), so nothing is split by segment.");
        }
        return new Plan(time, List.copyOf(measures), List.copyOf(segments), profiles, profile.rowCount(), notes);
    }

    /** Integers that are nearly all distinct, or named like codes, are labels of things, not amounts. */
    private static boolean identifierLike(DatasetColumn column, ColumnProfile p) {
        if (CODE_LIKE.matcher(column.name().toLowerCase(Locale.ROOT)).matches()) {
            return true;
        }
        return column.type() == ColumnType.INTEGER && p.count() > 50 && p.distinct() >= p.count() * 0.95;
    }

    /** The measures over time: the row count first, then each measure. */
    List<Measure> seriesMeasures() {
        var all = new ArrayList<Measure>();
        all.add(Measure.ROWS);
        all.addAll(measures);
        return all;
    }

    /** The measure shares and concentration speak of: the first summed measure, else the row count. */
    Measure mainMeasure() {
        return measures.stream().filter(m -> "sum".equals(m.agg())).findFirst().orElse(Measure.ROWS);
    }
}
