package dev.foresight.datasets.ingest;

/** A record that could not be read at all, found while preparing the file (e.g. a malformed JSON line). */
public record SourceProblem(long line, String reason, String text) {}
