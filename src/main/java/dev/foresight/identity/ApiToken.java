package dev.foresight.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A workspace API token as listed: never its secret, which is shown once at creation. */
public record ApiToken(
        UUID id,
        String name,
        String prefix,
        String createdBy,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {}
