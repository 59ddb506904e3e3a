package dev.foresight.alerts.internal;

import dev.foresight.alerts.DemoReceipt;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The built-in demo receiver: an in-process stand-in for an integrator's endpoint. It keeps its own copy of the
 * channel's secret (handed over once, at creation, as to any integrator) and verifies each webhook with the Standard
 * Webhooks rules before it answers 200 — or 401 when the signature does not verify, e.g. after a rotation it was not
 * told about. Being in-process, it needs no exception to the SSRF guard.
 */
@Component
public class DemoReceiver {

    private final JdbcClient jdbc;
    private final SecretBox box;

    DemoReceiver(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    void register(long workspaceId, UUID channelId, String secret) {
        jdbc.sql("insert into alert_demo_receivers (channel_id, workspace_id, secret_sealed) values (?, ?, ?)")
                .params(channelId, workspaceId, box.seal(secret, "demo:" + channelId))
                .update();
    }

    SendResult receive(ChannelRecord channel, Map<String, String> headers, String body) {
        var summary = "POST " + channel.url() + " (in-process demo receiver, " + body.length() + " bytes)";
        var sealed = jdbc.sql("select secret_sealed from alert_demo_receivers where channel_id = ?")
                .param(channel.id())
                .query(String.class)
                .optional();
        var id = headers.getOrDefault("webhook-id", "");
        var timestamp = headers.getOrDefault("webhook-timestamp", "");
        var signature = headers.getOrDefault("webhook-signature", "");
        boolean verified = sealed.isPresent()
                && WebhookSignatures.verify(
                        box.open(sealed.get(), "demo:" + channel.id()), id, timestamp, body, signature);
        jdbc.sql(
                        """
                        insert into alert_demo_receipts (id, workspace_id, channel_id, message_id, timestamp_header,
                            signature, body, verified, received_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        channel.workspaceId(),
                        channel.id(),
                        id,
                        timestamp,
                        signature,
                        body,
                        verified,
                        Timestamp.from(Instant.now()))
                .update();
        return verified
                ? SendResult.ok(summary, 200)
                : SendResult.failed(summary, 401, "The demo receiver could not verify the signature.");
    }

    public List<DemoReceipt> receipts(long workspaceId) {
        return jdbc.sql("select * from alert_demo_receipts where workspace_id = ? order by received_at desc limit 100")
                .param(workspaceId)
                .query((rs, row) -> new DemoReceipt(
                        rs.getObject("id", UUID.class),
                        rs.getObject("channel_id", UUID.class),
                        rs.getString("message_id"),
                        rs.getString("timestamp_header"),
                        rs.getString("signature"),
                        rs.getString("body"),
                        rs.getBoolean("verified"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }
}
