package dev.foresight.alerts.internal;

import dev.foresight.alerts.Delivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries and their attempts. A delivery is written before its first attempt and carries its due time; the sweeper
 * claims due rows with a lease, so a crash mid-attempt only delays it (at-least-once).
 */
@Component
public class DeliveryStore {

    /** A delivery as the worker needs it. */
    public record Row(
            UUID id,
            long workspaceId,
            UUID channelId,
            @Nullable UUID ruleId,
            String messageId,
            String eventType,
            AlertMessage message,
            String status,
            int attemptCount,
            @Nullable Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeliveryStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID create(long workspaceId, UUID channelId, @Nullable UUID ruleId, AlertMessage message, Instant due) {
        var id = UUID.randomUUID();
        var now = Timestamp.from(Instant.now());
        jdbc.sql(
                        """
                        insert into alert_deliveries (id, workspace_id, channel_id, rule_id, message_id, event_type,
                            message_json, status, attempt_count, next_attempt_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""")
                .params(
                        id,
                        workspaceId,
                        channelId,
                        ruleId,
                        "msg_" + UUID.randomUUID().toString().replace("-", ""),
                        message.event(),
                        json.writeValueAsString(message),
                        Timestamp.from(due),
                        now,
                        now)
                .update();
        return id;
    }

    /** Due deliveries this node now holds until {@code leaseUntil}. */
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int limit) {
        var due = jdbc.sql(
                        """
                        select id from alert_deliveries
                        where status in ('PENDING', 'RETRYING') and next_attempt_at <= ?
                          and (lease_until is null or lease_until < ?)
                        order by next_attempt_at limit ?""")
                .params(Timestamp.from(now), Timestamp.from(now), limit)
                .query(UUID.class)
                .list();
        var claimed = new ArrayList<UUID>();
        for (var id : due) {
            if (claim(id, now, leaseUntil)) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    public boolean claim(UUID id, Instant now, Instant leaseUntil) {
        return jdbc.sql(
                                """
                                update alert_deliveries set lease_until = ?
                                where id = ? and status in ('PENDING', 'RETRYING')
                                  and (lease_until is null or lease_until < ?)""")
                        .params(Timestamp.from(leaseUntil), id, Timestamp.from(now))
                        .update()
                == 1;
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("select * from alert_deliveries where id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    public void recordAttempt(UUID deliveryId, Instant at, SendResult result, long latencyMs) {
        int number = jdbc.sql("select count(*) from alert_delivery_attempts where delivery_id = ?")
                        .param(deliveryId)
                        .query(Integer.class)
                        .single()
                + 1;
        jdbc.sql(
                        """
                        insert into alert_delivery_attempts (id, delivery_id, number, at, request_summary, status_code,
                            latency_ms, error)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        deliveryId,
                        number,
                        Timestamp.from(at),
                        OutboundHttp.abbreviate(result.request(), 990),
                        result.statusCode(),
                        latencyMs,
                        result.error() == null ? null : OutboundHttp.abbreviate(result.error(), 1990))
                .update();
    }

    /** Ends or reschedules a delivery after an attempt; {@code nextAttemptAt} only for {@code RETRYING}. */
    public void settle(
            UUID id, String status, int attemptCount, @Nullable Instant nextAttemptAt, @Nullable String error) {
        jdbc.sql(
                        """
                        update alert_deliveries set status = ?, attempt_count = ?, next_attempt_at = ?, last_error = ?,
                            lease_until = null, updated_at = ?
                        where id = ?""")
                .params(
                        status,
                        attemptCount,
                        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                        error == null ? null : OutboundHttp.abbreviate(error, 1990),
                        Timestamp.from(Instant.now()),
                        id)
                .update();
    }

    /** A dead (or any finished) delivery goes back to the queue with the same message id. */
    public boolean resend(long workspaceId, UUID id) {
        return jdbc.sql(
                                """
                                update alert_deliveries set status = 'PENDING', attempt_count = 0, next_attempt_at = ?,
                                    lease_until = null, updated_at = ?
                                where id = ? and workspace_id = ? and status in ('DEAD', 'SUCCEEDED', 'OUTBOX')""")
                        .params(Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), id, workspaceId)
                        .update()
                == 1;
    }

    public boolean exists(long workspaceId, UUID id) {
        return jdbc.sql("select count(*) from alert_deliveries where id = ? and workspace_id = ?")
                        .params(id, workspaceId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public List<Delivery> list(long workspaceId, @Nullable String status, @Nullable UUID channelId, int limit) {
        var sql = new StringBuilder("select * from alert_deliveries where workspace_id = :ws");
        if (status != null) {
            sql.append(" and status = :status");
        }
        if (channelId != null) {
            sql.append(" and channel_id = :channel");
        }
        sql.append(" order by created_at desc limit :limit");
        var spec = jdbc.sql(sql.toString()).param("ws", workspaceId).param("limit", limit);
        if (status != null) {
            spec = spec.param("status", status);
        }
        if (channelId != null) {
            spec = spec.param("channel", channelId);
        }
        return spec.query(this::row).list().stream().map(this::view).toList();
    }

    public Optional<Delivery> get(long workspaceId, UUID id) {
        return jdbc.sql("select * from alert_deliveries where id = ? and workspace_id = ?")
                .params(id, workspaceId)
                .query(this::row)
                .optional()
                .map(this::view);
    }

    private Delivery view(Row row) {
        var attempts = jdbc.sql("select * from alert_delivery_attempts where delivery_id = ? order by number")
                .param(row.id())
                .query((rs, n) -> {
                    int code = rs.getInt("status_code");
                    Integer statusCode = rs.wasNull() ? null : code;
                    return new Delivery.Attempt(
                            rs.getInt("number"),
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("request_summary"),
                            statusCode,
                            rs.getLong("latency_ms"),
                            rs.getString("error"));
                })
                .list();
        boolean waiting = row.status().equals("RETRYING") || row.status().equals("PENDING");
        return new Delivery(
                row.id(),
                row.channelId(),
                row.ruleId(),
                row.messageId(),
                row.eventType(),
                row.message().title(),
                row.status().toLowerCase(java.util.Locale.ROOT),
                waiting ? row.nextAttemptAt() : null,
                row.lastError(),
                row.createdAt(),
                attempts);
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        var next = rs.getTimestamp("next_attempt_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getLong("workspace_id"),
                rs.getObject("channel_id", UUID.class),
                rs.getObject("rule_id", UUID.class),
                rs.getString("message_id"),
                rs.getString("event_type"),
                json.readValue(rs.getString("message_json"), AlertMessage.class),
                rs.getString("status"),
                rs.getInt("attempt_count"),
                next == null ? null : next.toInstant(),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant());
    }
}
