package dev.foresight.forecasting;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One bucket of a series' history.
 *
 * @param backtest what the chosen model predicted for it in the rolling-origin backtest, if it was held out
 */
public record Observation(LocalDateTime time, double value, @Nullable Double backtest) {}
