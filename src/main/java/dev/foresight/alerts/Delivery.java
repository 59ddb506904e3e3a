package dev.foresight.alerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message to one channel and every attempt to send it. Status: {@code pending} (due), {@code retrying} (waiting
 * for its next attempt), {@code succeeded}, {@code outbox} (e-mail kept because no SMTP is configured) or
 * {@code dead} (attempts exhausted, endpoint gone or channel disabled; can be resent).
 *
 * @param messageId the {@code webhook-id}: the same on every attempt and resend, for the receiver's idempotency
 */
public record Delivery(
        UUID id,
        UUID channelId,
        @Nullable UUID ruleId,
        String messageId,
        String event,
        String title,
        String status,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastError,
        Instant createdAt,
        List<Attempt> attempts) {

    /** One try: when, the answer's status code (none when no answer came), how long it took and what went wrong. */
    public record Attempt(
            int number,
            Instant at,
            String request,
            @Nullable Integer statusCode,
            long latencyMs,
            @Nullable String error) {}
}
