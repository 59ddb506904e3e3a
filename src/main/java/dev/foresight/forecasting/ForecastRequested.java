package dev.foresight.forecasting;

import java.util.UUID;

/** A forecast run was accepted: the new forecast and the execution that computes it. */
public record ForecastRequested(UUID forecastId, UUID executionId) {}
