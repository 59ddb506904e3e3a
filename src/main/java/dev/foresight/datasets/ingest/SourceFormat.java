package dev.foresight.datasets.ingest;

/** The formats Foresight reads. Gzip is a wrapper around any of the text ones. */
public enum SourceFormat {
    CSV,
    JSON_LINES,
    XLSX
}
