/**
 * Forecasting: per-segment time series from a dataset's time column and measure, forecast by naive, seasonal naive,
 * AutoETS, Theta and a multiple-seasonality model, with prediction intervals, rolling-origin backtests and manual
 * adjustments layered on top.
 */
@NullMarked
@ApplicationModule(displayName = "Forecasting")
package dev.foresight.forecasting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
