package dev.foresight.datasets;

import java.util.UUID;

/** A version was processed and its quality report written; alert rules on reject rates listen. */
public record DatasetQualityChecked(
        String workspace,
        long workspaceId,
        UUID datasetId,
        UUID versionId,
        long rowsRead,
        long rowsRejected,
        long rowsWarned) {

    /** The share of rows read that were rejected, 0 to 1. */
    public double rejectRate() {
        return rowsRead == 0 ? 0 : (double) rowsRejected / rowsRead;
    }
}
