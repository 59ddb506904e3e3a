/** Forecast pages and the forecasts API. */
@NullMarked
package dev.foresight.forecasting.web;

import org.jspecify.annotations.NullMarked;
