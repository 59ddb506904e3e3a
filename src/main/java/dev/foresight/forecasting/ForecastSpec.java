package dev.foresight.forecasting;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to forecast: a dataset's measure summed per time bucket of {@code frequency}, one series per combination of the
 * segment columns' values.
 *
 * @param frequency {@code 15min}, {@code 30min}, {@code 60min}, {@code day}, {@code week} or {@code month}
 * @param horizon how many buckets ahead
 * @param fill how empty buckets are filled: {@code zero} (the default, right for counts), {@code previous} or
 *     {@code linear}
 * @param backtestWindows rolling-origin backtest windows; {@code null} for the configured default
 * @param backtestHorizon buckets per backtest window; {@code null} for the horizon, capped by configuration
 */
public record ForecastSpec(
        UUID dataset,
        String timeColumn,
        String measure,
        @Nullable List<String> segments,
        String frequency,
        int horizon,
        @Nullable String fill,
        @Nullable Integer backtestWindows,
        @Nullable Integer backtestHorizon) {

    public ForecastSpec(
            UUID dataset, String timeColumn, String measure, List<String> segments, String frequency, int horizon) {
        this(dataset, timeColumn, measure, segments, frequency, horizon, null, null, null);
    }

    public List<String> segmentColumns() {
        return segments == null ? List.of() : segments;
    }
}
