package dev.foresight.drift;

/** How far a drifted metric moved, from its effect size; alert rules filter on a minimum. */
public enum DriftSeverity {
    LOW,
    MEDIUM,
    HIGH;

    public boolean atLeast(DriftSeverity minimum) {
        return compareTo(minimum) >= 0;
    }
}
