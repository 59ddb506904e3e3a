package dev.foresight.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A channel as the API shows it: never a stored secret. Chat hook URLs carry their token in the path, so only their
 * origin is shown. {@code secret} is present once, in the answer that created or rotated a webhook channel's secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Channel(
        UUID id,
        ChannelType type,
        String name,
        @Nullable String url,
        List<String> to,
        @Nullable String from,
        @Nullable String smtpHost,
        @Nullable Integer smtpPort,
        @Nullable String smtpUsername,
        @Nullable Boolean smtpStartTls,
        @Nullable String accountSid,
        boolean hasSecret,
        @Nullable String template,
        boolean enabled,
        @Nullable String disabledReason,
        boolean demoReceiver,
        @Nullable Instant secretRotatedAt,
        Instant createdAt,
        @Nullable String secret) {

    public Channel withSecret(String revealed) {
        return new Channel(
                id,
                type,
                name,
                url,
                to,
                from,
                smtpHost,
                smtpPort,
                smtpUsername,
                smtpStartTls,
                accountSid,
                hasSecret,
                template,
                enabled,
                disabledReason,
                demoReceiver,
                secretRotatedAt,
                createdAt,
                revealed);
    }
}
