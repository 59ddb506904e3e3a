package dev.foresight.alerts.internal;

import dev.foresight.alerts.Channel;
import dev.foresight.alerts.ChannelType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored channel with its secrets still sealed. */
public record ChannelRecord(
        UUID id,
        long workspaceId,
        ChannelType type,
        String name,
        @Nullable String url,
        Settings settings,
        @Nullable String secretsSealed,
        @Nullable String template,
        boolean enabled,
        @Nullable String disabledReason,
        boolean demoReceiver,
        @Nullable Instant rotatedAt,
        Instant createdAt) {

    /** What a channel may show: addresses, hosts, user names, the SMS account — no secret. */
    public record Settings(
            List<String> to,
            @Nullable String from,
            @Nullable String smtpHost,
            @Nullable Integer smtpPort,
            @Nullable String smtpUsername,
            @Nullable Boolean smtpStartTls,
            @Nullable String accountSid) {
        public Settings {
            to = to == null ? List.of() : List.copyOf(to);
        }
    }

    /**
     * What only the sender may read. {@code hookUrl} is a Slack or Discord URL (its path is its token);
     * {@code previousSecret} signs beside {@code webhookSecret} until {@code previousUntil}.
     */
    public record Secrets(
            @Nullable String webhookSecret,
            @Nullable String previousSecret,
            @Nullable Instant previousUntil,
            @Nullable String smtpPassword,
            @Nullable String authToken,
            @Nullable String hookUrl) {
        public static final Secrets NONE = new Secrets(null, null, null, null, null, null);

        public boolean isEmpty() {
            return webhookSecret == null && smtpPassword == null && authToken == null && hookUrl == null;
        }

        /** The secrets that sign a webhook sent at {@code now}: the current one and, during an overlap, the old. */
        public List<String> signingSecrets(Instant now) {
            var secrets = new ArrayList<String>();
            if (webhookSecret != null) {
                secrets.add(webhookSecret);
            }
            if (previousSecret != null && previousUntil != null && now.isBefore(previousUntil)) {
                secrets.add(previousSecret);
            }
            return secrets;
        }
    }

    public Channel view() {
        return new Channel(
                id,
                type,
                name,
                url,
                settings.to(),
                settings.from(),
                settings.smtpHost(),
                settings.smtpPort(),
                settings.smtpUsername(),
                settings.smtpStartTls(),
                settings.accountSid(),
                secretsSealed != null,
                template,
                enabled,
                disabledReason,
                demoReceiver,
                rotatedAt,
                createdAt,
                null);
    }
}
