package dev.foresight.identity;

import java.time.Instant;

public record Workspace(long id, String slug, String name, Instant createdAt) {}
