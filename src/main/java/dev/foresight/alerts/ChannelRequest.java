package dev.foresight.alerts;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A channel as created or changed. Which fields matter depends on the type: {@code url} for Slack, Discord and
 * webhooks; {@code to} (addresses or phone numbers) for e-mail and SMS; SMTP settings for e-mail (without a host, the
 * server's own mail settings, or the outbox); {@code accountSid}, {@code authToken} and {@code from} for SMS, whose optional {@code url} names a
 * Twilio-compatible provider other than the configured one. Secrets
 * left out of a change are kept.
 */
public record ChannelRequest(
        @Nullable ChannelType type,
        @Nullable String name,
        @Nullable String url,
        @Nullable List<String> to,
        @Nullable String from,
        @Nullable String smtpHost,
        @Nullable Integer smtpPort,
        @Nullable String smtpUsername,
        @Nullable String smtpPassword,
        @Nullable Boolean smtpStartTls,
        @Nullable String accountSid,
        @Nullable String authToken,
        @Nullable String template,
        @Nullable Boolean enabled) {}
