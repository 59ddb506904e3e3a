package dev.foresight.forecasting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One forecast run. Each run is a new forecast; runs of the same spec form its history.
 *
 * @param series empty in the list's summaries
 */
public record Forecast(
        UUID id,
        UUID datasetId,
        String timeColumn,
        String measure,
        List<String> segments,
        String frequency,
        int horizon,
        ForecastStatus status,
        @Nullable String error,
        Instant createdAt,
        List<SeriesForecast> series,
        @Nullable UUID executionId,
        @Nullable UUID versionId,
        String createdBy,
        int seriesDone,
        int seriesTotal) {}
