package dev.foresight.datasets;

import java.util.UUID;

/** A version became its dataset's current one. Insights, drift and dashboards listen; caches of it are evicted. */
public record DatasetVersionPublished(
        String workspace, long workspaceId, UUID datasetId, UUID versionId, long rowCount) {}
