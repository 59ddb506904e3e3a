package dev.foresight.datasets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a version's files live: the upload as received, a scratch directory for preparing it, the accepted rows as
 * Parquet and the rejected rows as CSV. DuckDB reads the Parquet by path; an object store would be a second
 * implementation.
 */
public interface VersionFiles {

    /** Stores an upload; a cut-off or failed stream leaves nothing behind. Returns the bytes stored. */
    long storeSource(long workspaceId, UUID datasetId, UUID versionId, InputStream content) throws IOException;

    Path source(long workspaceId, UUID datasetId, UUID versionId);

    Path workDir(long workspaceId, UUID datasetId, UUID versionId);

    Path parquet(long workspaceId, UUID datasetId, UUID versionId);

    Path rejected(long workspaceId, UUID datasetId, UUID versionId);

    /** Removes what processing wrote, so that it can start again from the stored source. */
    void clearOutputs(long workspaceId, UUID datasetId, UUID versionId) throws IOException;

    /** Removes the scratch directory once a version is processed. */
    void clearWork(long workspaceId, UUID datasetId, UUID versionId) throws IOException;
}
