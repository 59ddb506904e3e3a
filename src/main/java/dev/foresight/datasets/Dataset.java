package dev.foresight.datasets;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A dataset as the list shows it, with its current version's figures. */
public record Dataset(
        UUID id,
        String name,
        @Nullable String description,
        @Nullable UUID currentVersionId,
        @Nullable Integer currentVersionNumber,
        @Nullable Long rowCount,
        @Nullable Integer columnCount,
        @Nullable Long sizeBytes,
        @Nullable Double qualityScore,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
