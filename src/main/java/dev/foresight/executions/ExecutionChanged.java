package dev.foresight.executions;

/** An execution's status or progress changed; the live channel forwards it to the browsers watching. */
public record ExecutionChanged(Execution execution) {}
