package dev.foresight.forecasting;

/** Where a forecast run stands. */
public enum ForecastStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
