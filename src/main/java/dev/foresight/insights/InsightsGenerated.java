package dev.foresight.insights;

import java.util.UUID;

/** A dataset version's insights were generated and replaced the dataset's earlier ones. Dashboards and reports may listen. */
public record InsightsGenerated(
        String workspace, long workspaceId, UUID datasetId, UUID versionId, UUID executionId, int insightCount) {}
