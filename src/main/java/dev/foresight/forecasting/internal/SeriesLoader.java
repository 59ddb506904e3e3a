package dev.foresight.forecasting.internal;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.datasets.Datasets;
import dev.foresight.forecasting.ForecastSpec;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a dataset version into regular series: the measure summed per bucket and segment in DuckDB, then every
 * missing bucket between a series' first bucket and the last bucket of all series filled explicitly (zero by
 * default, which is right for counts such as contacts or claims; or the previous value; or linear interpolation).
 */
@Component
public class SeriesLoader {

    /** One regular series, ready for the models. */
    public record Series(
            String segment,
            Map<String, String> segmentValues,
            LocalDateTime[] times,
            double[] values,
            List<String> notes) {}

    /** What was loaded from which version. */
    public record Loaded(UUID versionId, Frequency frequency, List<Series> series) {}

    static final String MISSING_SEGMENT = "(missing)";

    private final Datasets datasets;
    private final ForecastingProperties properties;

    SeriesLoader(Datasets datasets, ForecastingProperties properties) {
        this.datasets = datasets;
        this.properties = properties;
    }

    /** Checks the spec against the dataset's current schema; a mistake is answered with a message naming it. */
    public UUID check(CurrentWorkspace workspace, ForecastSpec spec) {
        return datasets.scan(workspace, spec.dataset(), null, scan -> {
            checkColumns(scan, spec);
            return scan.versionId();
        });
    }

    public Loaded load(CurrentWorkspace workspace, ForecastSpec spec, @Nullable UUID versionId) {
        var frequency = Frequency.require(spec.frequency());
        return datasets.scan(workspace, spec.dataset(), versionId, scan -> {
            checkColumns(scan, spec);
            var segments = spec.segmentColumns();
            var select = new StringBuilder("select ");
            for (var segment : segments) {
                select.append("cast(").append(scan.column(segment)).append(" as varchar), ");
            }
            var time = "cast(" + scan.column(spec.timeColumn()) + " as timestamp)";
            var measure = scan.column(spec.measure());
            select.append("epoch_ms(")
                    .append(frequency.bucketSql(time))
                    .append(") as bucket, sum(")
                    .append(measure)
                    .append(")::double as total, count(")
                    .append(measure)
                    .append(") as present, count(*) as rows_in, count(*) filter (where ")
                    .append(measure)
                    .append(" < 0) as negatives from ")
                    .append(scan.table())
                    .append(" where ")
                    .append(time)
                    .append(" is not null group by all order by ");
            for (int i = 0; i < segments.size(); i++) {
                select.append(i + 1).append(", ");
            }
            select.append("bucket");
            var raw = new LinkedHashMap<List<String>, RawSeries>();
            try (var statement = scan.connection().createStatement();
                    var rows = statement.executeQuery(select.toString())) {
                while (rows.next()) {
                    var key = new ArrayList<String>(segments.size());
                    for (int i = 0; i < segments.size(); i++) {
                        var value = rows.getString(i + 1);
                        key.add(value == null ? MISSING_SEGMENT : value);
                    }
                    var series = raw.computeIfAbsent(key, k -> new RawSeries());
                    if (raw.size() > properties.maxSeries()) {
                        throw new InvalidRequestException("The segments " + segments + " make more than "
                                + properties.maxSeries() + " series; choose fewer segment columns.");
                    }
                    long bucket = rows.getLong(segments.size() + 1);
                    double total = rows.getDouble(segments.size() + 2);
                    long present = rows.getLong(segments.size() + 3);
                    series.add(bucket, present == 0 ? Double.NaN : total);
                    series.missing += rows.getLong(segments.size() + 4) - present;
                    series.negatives += rows.getLong(segments.size() + 5);
                }
            }
            if (raw.isEmpty()) {
                throw new InvalidRequestException("Dataset '" + scan.datasetName() + "' has no rows with a value in '"
                        + spec.timeColumn() + "'.");
            }
            long last =
                    raw.values().stream().mapToLong(RawSeries::lastBucket).max().orElseThrow();
            var fill = fill(spec.fill());
            var result = new ArrayList<Series>();
            for (var entry : raw.entrySet()) {
                result.add(regular(segments, entry.getKey(), entry.getValue(), last, frequency, fill));
            }
            return new Loaded(scan.versionId(), frequency, result);
        });
    }

    private static void checkColumns(DatasetScan scan, ForecastSpec spec) {
        var time = scan.require(spec.timeColumn());
        if (!time.type().isTemporal()) {
            throw new InvalidRequestException(
                    "Column '" + time.name() + "' holds " + time.type().name().toLowerCase(Locale.ROOT)
                            + " values; the time column must hold dates or timestamps.");
        }
        var measure = scan.require(spec.measure());
        if (!measure.type().isNumeric()) {
            throw new InvalidRequestException("Column '" + measure.name() + "' holds "
                    + measure.type().name().toLowerCase(Locale.ROOT) + " values; the measure must be numeric.");
        }
        for (var segment : spec.segmentColumns()) {
            scan.require(segment);
            if (segment.equals(spec.timeColumn()) || segment.equals(spec.measure())) {
                throw new InvalidRequestException(
                        "Column '" + segment + "' cannot be a segment and the time or the measure at once.");
            }
        }
    }

    enum Fill {
        ZERO,
        PREVIOUS,
        LINEAR
    }

    /** Refuses a gap filling other than the three known ones. */
    public static void checkFill(@Nullable String fill) {
        fill(fill);
    }

    static Fill fill(@Nullable String fill) {
        if (fill == null || fill.isBlank()) {
            return Fill.ZERO;
        }
        return switch (fill.strip().toLowerCase(Locale.ROOT)) {
            case "zero", "0" -> Fill.ZERO;
            case "previous", "last", "forward" -> Fill.PREVIOUS;
            case "linear", "interpolate" -> Fill.LINEAR;
            default ->
                throw new InvalidRequestException(
                        "Gaps are filled with 'zero', 'previous' or 'linear', not '" + fill + "'.");
        };
    }

    private static Series regular(
            List<String> columns, List<String> key, RawSeries raw, long last, Frequency frequency, Fill fill) {
        var start = LocalDateTime.ofInstant(Instant.ofEpochMilli(raw.buckets[0]), ZoneOffset.UTC);
        var end = LocalDateTime.ofInstant(Instant.ofEpochMilli(last), ZoneOffset.UTC);
        var times = new ArrayList<LocalDateTime>();
        for (var t = start; !t.isAfter(end); t = frequency.next(t, 1)) {
            times.add(t);
        }
        var values = new double[times.size()];
        java.util.Arrays.fill(values, Double.NaN);
        int j = 0;
        for (int i = 0; i < times.size() && j < raw.size; i++) {
            long at = times.get(i).toInstant(ZoneOffset.UTC).toEpochMilli();
            while (j < raw.size && raw.buckets[j] < at) {
                j++;
            }
            if (j < raw.size && raw.buckets[j] == at) {
                values[i] = raw.totals[j];
                j++;
            }
        }
        int gaps = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                gaps++;
            }
        }
        var notes = new ArrayList<String>();
        if (gaps > 0) {
            fillGaps(values, fill);
            notes.add(gaps + " empty " + frequency.label() + " bucket" + (gaps == 1 ? "" : "s") + " filled with "
                    + switch (fill) {
                        case ZERO -> "0";
                        case PREVIOUS -> "the previous value";
                        case LINEAR -> "linear interpolation";
                    } + ".");
        }
        if (raw.missing > 0) {
            notes.add(raw.missing + " row" + (raw.missing == 1 ? "" : "s") + " without a value left out.");
        }
        if (raw.negatives > 0) {
            notes.add(raw.negatives + " negative value" + (raw.negatives == 1 ? "" : "s")
                    + " kept; multiplicative models are skipped where the series is not positive.");
        }
        var segmentValues = new LinkedHashMap<String, String>();
        for (int i = 0; i < columns.size(); i++) {
            segmentValues.put(columns.get(i), key.get(i));
        }
        return new Series(
                segmentLabel(segmentValues), segmentValues, times.toArray(LocalDateTime[]::new), values, notes);
    }

    /** {@code queue=Billing, site=Leeds}; {@code all} for a forecast without segments. */
    static String segmentLabel(Map<String, String> values) {
        if (values.isEmpty()) {
            return "all";
        }
        var label = new StringBuilder();
        values.forEach((column, value) -> {
            if (!label.isEmpty()) {
                label.append(", ");
            }
            label.append(column).append('=').append(value);
        });
        return label.toString();
    }

    static void fillGaps(double[] values, Fill fill) {
        int n = values.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(values[i])) {
                continue;
            }
            switch (fill) {
                case ZERO -> values[i] = 0;
                case PREVIOUS -> values[i] = i == 0 ? 0 : values[i - 1];
                case LINEAR -> {
                    int next = i;
                    while (next < n && Double.isNaN(values[next])) {
                        next++;
                    }
                    double before = i == 0 ? (next < n ? values[next] : 0) : values[i - 1];
                    double after = next < n ? values[next] : before;
                    for (int k = i; k < next; k++) {
                        values[k] = before + (after - before) * (k - i + 1) / (next - i + 1);
                    }
                    i = next - 1;
                }
            }
        }
    }

    private static final class RawSeries {
        long[] buckets = new long[64];
        double[] totals = new double[64];
        int size;
        long missing;
        long negatives;

        void add(long bucket, double total) {
            if (size == buckets.length) {
                buckets = java.util.Arrays.copyOf(buckets, size * 2);
                totals = java.util.Arrays.copyOf(totals, size * 2);
            }
            buckets[size] = bucket;
            totals[size] = total;
            size++;
        }

        long lastBucket() {
            return buckets[size - 1];
        }
    }
}
