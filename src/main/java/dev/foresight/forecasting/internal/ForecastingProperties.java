package dev.foresight.forecasting.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Forecasting settings.
 *
 * @param maxHorizon the longest horizon a run may ask for, in buckets
 * @param maxSeries the most series (segment combinations) one run may forecast
 * @param parallelism how many series are forecast at once; 0 means one per core
 * @param backtestWindows rolling-origin windows per series unless the spec says otherwise
 * @param maxBacktestHorizon the longest backtest window; a longer horizon is backtested over this many buckets
 * @param intradayHistoryWeeks intraday series are fitted on their most recent weeks only, to keep runs fast
 * @param maxHistory other series are fitted on at most this many of their most recent buckets
 */
@Validated
@ConfigurationProperties("foresight.forecasting")
public record ForecastingProperties(
        @DefaultValue("2016") @Min(1) @Max(20000) int maxHorizon,
        @DefaultValue("200") @Min(1) int maxSeries,
        @DefaultValue("0") @Min(0) int parallelism,
        @DefaultValue("3") @Min(1) @Max(20) int backtestWindows,
        @DefaultValue("336") @Min(1) int maxBacktestHorizon,
        @DefaultValue("10") @Min(2) int intradayHistoryWeeks,
        @DefaultValue("1500") @Min(10) int maxHistory) {

    public int threads() {
        return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    }
}
