package dev.foresight.forecasting;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A manager's override: {@code value} replaces the forecast of the buckets from {@code from} to {@code to} (one cell
 * when {@code to} is absent), or {@code percent} raises (or lowers) them.
 *
 * @param segment a segment label such as {@code queue=Billing}; absent for all segments
 */
public record AdjustmentRequest(
        @Nullable String segment,
        @Nullable LocalDateTime from,
        @Nullable LocalDateTime to,
        @Nullable Double value,
        @Nullable Double percent,
        @Nullable String reason) {}
