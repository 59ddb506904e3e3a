package dev.foresight.alerts.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one attempt.
 *
 * @param request what was sent, without secrets (e.g. {@code POST https://hooks.slack.com/… (812 bytes)})
 * @param statusCode the HTTP status or SMTP reply, {@code null} when no answer came
 * @param error what went wrong, {@code null} on success
 * @param retryAfter how long the endpoint asked us to wait (429, 503)
 * @param outbox the message was kept in the outbox instead of being sent
 */
public record SendResult(
        String request,
        @Nullable Integer statusCode,
        @Nullable String error,
        @Nullable Duration retryAfter,
        boolean outbox) {

    public static SendResult ok(String request, @Nullable Integer statusCode) {
        return new SendResult(request, statusCode, null, null, false);
    }

    public static SendResult failed(String request, @Nullable Integer statusCode, String error) {
        return new SendResult(request, statusCode, error, null, false);
    }

    public boolean succeeded() {
        return error == null;
    }

    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
