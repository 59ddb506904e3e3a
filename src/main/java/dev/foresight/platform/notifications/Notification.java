package dev.foresight.platform.notifications;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record Notification(
        long id,
        @Nullable String workspace,
        String text,
        @Nullable String link,
        String level,
        Instant createdAt,
        boolean read) {}
