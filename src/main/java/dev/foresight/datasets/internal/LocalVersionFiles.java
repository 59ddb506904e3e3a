package dev.foresight.datasets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Version files under {@code <data-dir>/datasets/<workspace>/<dataset>/<version>/}. */
@Component
class LocalVersionFiles implements VersionFiles {

    private final Path root;

    LocalVersionFiles(@Value("${foresight.data-dir}") Path dataDir) {
        this.root = dataDir.resolve("datasets").toAbsolutePath().normalize();
    }

    private Path dir(long workspaceId, UUID datasetId, UUID versionId) {
        // Only numbers and UUIDs make up the path, so nothing a user types can leave the root.
        return root.resolve(Long.toString(workspaceId))
                .resolve(datasetId.toString())
                .resolve(versionId.toString());
    }

    @Override
    public long storeSource(long workspaceId, UUID datasetId, UUID versionId, InputStream content) throws IOException {
        var target = source(workspaceId, datasetId, versionId);
        Files.createDirectories(target.getParent());
        var partial = target.resolveSibling("source.partial");
        try {
            long bytes = Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Path source(long workspaceId, UUID datasetId, UUID versionId) {
        return dir(workspaceId, datasetId, versionId).resolve("source");
    }

    @Override
    public Path workDir(long workspaceId, UUID datasetId, UUID versionId) {
        return dir(workspaceId, datasetId, versionId).resolve("work");
    }

    @Override
    public Path parquet(long workspaceId, UUID datasetId, UUID versionId) {
        return dir(workspaceId, datasetId, versionId).resolve("rows.parquet");
    }

    @Override
    public Path rejected(long workspaceId, UUID datasetId, UUID versionId) {
        return dir(workspaceId, datasetId, versionId).resolve("rejected.csv");
    }

    @Override
    public void clearOutputs(long workspaceId, UUID datasetId, UUID versionId) throws IOException {
        Files.deleteIfExists(parquet(workspaceId, datasetId, versionId));
        Files.deleteIfExists(rejected(workspaceId, datasetId, versionId));
        clearWork(workspaceId, datasetId, versionId);
    }

    @Override
    public void clearWork(long workspaceId, UUID datasetId, UUID versionId) throws IOException {
        var work = workDir(workspaceId, datasetId, versionId);
        if (Files.exists(work)) {
            try (var paths = Files.walk(work)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
