package dev.foresight.forecasting;

import java.util.UUID;

/** A forecast run succeeded; its series and points can be read. Workforce plans recompute on it. */
public record ForecastCompleted(String workspace, long workspaceId, UUID forecastId, UUID datasetId) {}
