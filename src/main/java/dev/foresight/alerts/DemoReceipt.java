package dev.foresight.alerts;

import java.time.Instant;
import java.util.UUID;

/** A webhook the built-in demo receiver got, and whether its Standard Webhooks signature verified. */
public record DemoReceipt(
        UUID id,
        UUID channelId,
        String messageId,
        String timestamp,
        String signature,
        String body,
        boolean verified,
        Instant receivedAt) {}
