package dev.foresight.datasets;

/** What a column means to the analyses: inferred at upload, changeable by people. */
public enum ColumnRole {
    IDENTIFIER,
    TIME,
    SEGMENT,
    MEASURE,
    LABEL,
    PII,
    ATTRIBUTE
}
