package dev.foresight.insights;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The profile of one processed dataset version: a summary of every column, computed once and kept. */
public record DatasetProfile(
        UUID datasetId, UUID versionId, long rowCount, List<ColumnProfile> columns, Instant createdAt) {}
