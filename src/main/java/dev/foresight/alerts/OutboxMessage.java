package dev.foresight.alerts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An e-mail that would have been sent had SMTP been configured. */
public record OutboxMessage(
        UUID id, @Nullable UUID deliveryId, String recipients, String subject, String body, Instant createdAt) {}
