package dev.foresight.datasets;

import java.util.UUID;

/** The answer to an upload: stored and queued, processing under the execution. */
public record UploadAccepted(UUID datasetId, UUID versionId, UUID executionId) {}
