package dev.foresight.forecasting;

import java.util.UUID;

/** A manager added or removed an adjustment, so the forecast's adjusted values changed. */
public record ForecastAdjusted(String workspace, long workspaceId, UUID forecastId) {}
