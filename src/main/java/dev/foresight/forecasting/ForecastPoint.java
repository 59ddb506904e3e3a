package dev.foresight.forecasting;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One forecast bucket with its 80 % and 95 % prediction intervals.
 *
 * @param adjusted the value after managers' adjustments, {@code null} when none applies; planners use
 *     {@code adjusted != null ? adjusted : value}
 */
public record ForecastPoint(
        LocalDateTime time,
        double value,
        double lo80,
        double hi80,
        double lo95,
        double hi95,
        @Nullable Double adjusted) {

    public double effective() {
        return adjusted != null ? adjusted : value;
    }
}
