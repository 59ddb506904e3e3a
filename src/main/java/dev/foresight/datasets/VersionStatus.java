package dev.foresight.datasets;

public enum VersionStatus {
    QUEUED,
    PROCESSING,
    SUCCEEDED,
    FAILED
}
