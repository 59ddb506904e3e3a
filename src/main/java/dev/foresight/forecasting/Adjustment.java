package dev.foresight.forecasting;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A manager's override, kept apart from the model's values. It belongs to the forecast's spec, so a re-run of the same
 * spec keeps it wherever its times still fall in the horizon.
 *
 * @param segment the segment label it applies to; {@code null} for every segment
 * @param to the last bucket it covers (inclusive); equal to {@code from} for a single cell
 * @param value the value that replaces the forecast ({@link AdjustmentKind#SET})
 * @param percent the uplift in percent, e.g. 10 or -5 ({@link AdjustmentKind#UPLIFT})
 */
public record Adjustment(
        UUID id,
        UUID forecastId,
        @Nullable String segment,
        LocalDateTime from,
        LocalDateTime to,
        AdjustmentKind kind,
        @Nullable Double value,
        @Nullable Double percent,
        String reason,
        String createdBy,
        Instant createdAt) {

    public boolean covers(String seriesSegment, LocalDateTime time) {
        return (segment == null || segment.equals(seriesSegment)) && !time.isBefore(from) && !time.isAfter(to);
    }
}
