/** The forecasting engine (models, backtests, selection), the series loader over DuckDB, stores and the job. */
@NullMarked
package dev.foresight.forecasting.internal;

import org.jspecify.annotations.NullMarked;
