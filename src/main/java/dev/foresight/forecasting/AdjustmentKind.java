package dev.foresight.forecasting;

/** How an adjustment changes the forecast: sets values, or scales them by a percentage. */
public enum AdjustmentKind {
    SET,
    UPLIFT
}
