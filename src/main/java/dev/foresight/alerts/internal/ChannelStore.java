package dev.foresight.alerts.internal;

import dev.foresight.alerts.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Channels in {@code alert_channels}; secrets go in and come out only through the {@link SecretBox}. */
@Component
public class ChannelStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretBox box;

    ChannelStore(JdbcClient jdbc, JsonMapper json, SecretBox box) {
        this.jdbc = jdbc;
        this.json = json;
        this.box = box;
    }

    public void insert(ChannelRecord channel, ChannelRecord.Secrets secrets, String actor) {
        var now = Timestamp.from(Instant.now());
        jdbc.sql(
                        """
                        insert into alert_channels (id, workspace_id, type, name, url, settings_json, secrets_sealed,
                            template, enabled, disabled_reason, demo_receiver, rotated_at, created_by, created_at,
                            updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        channel.id(),
                        channel.workspaceId(),
                        channel.type().name(),
                        channel.name(),
                        channel.url(),
                        json.writeValueAsString(channel.settings()),
                        seal(channel.id(), secrets),
                        channel.template(),
                        channel.enabled(),
                        channel.disabledReason(),
                        channel.demoReceiver(),
                        channel.rotatedAt() == null ? null : Timestamp.from(channel.rotatedAt()),
                        actor,
                        Timestamp.from(channel.createdAt()),
                        now)
                .update();
    }

    public void update(ChannelRecord channel, ChannelRecord.Secrets secrets) {
        jdbc.sql(
                        """
                        update alert_channels set name = ?, url = ?, settings_json = ?, secrets_sealed = ?,
                            template = ?, enabled = ?, disabled_reason = ?, rotated_at = ?, updated_at = ?
                        where id = ? and workspace_id = ?""")
                .params(
                        channel.name(),
                        channel.url(),
                        json.writeValueAsString(channel.settings()),
                        seal(channel.id(), secrets),
                        channel.template(),
                        channel.enabled(),
                        channel.disabledReason(),
                        channel.rotatedAt() == null ? null : Timestamp.from(channel.rotatedAt()),
                        Timestamp.from(Instant.now()),
                        channel.id(),
                        channel.workspaceId())
                .update();
    }

    /** An endpoint answered 410 Gone, or sending cannot go on: the channel stops until someone enables it. */
    public void disable(UUID id, String reason) {
        jdbc.sql("update alert_channels set enabled = false, disabled_reason = ?, updated_at = ? where id = ?")
                .params(reason, Timestamp.from(Instant.now()), id)
                .update();
    }

    public boolean delete(long workspaceId, UUID id) {
        return jdbc.sql("delete from alert_channels where id = ? and workspace_id = ?")
                        .params(id, workspaceId)
                        .update()
                > 0;
    }

    public Optional<ChannelRecord> find(long workspaceId, UUID id) {
        return jdbc.sql("select * from alert_channels where id = ? and workspace_id = ?")
                .params(id, workspaceId)
                .query(this::map)
                .optional();
    }

    public Optional<ChannelRecord> find(UUID id) {
        return jdbc.sql("select * from alert_channels where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public List<ChannelRecord> list(long workspaceId) {
        return jdbc.sql("select * from alert_channels where workspace_id = ? order by created_at")
                .param(workspaceId)
                .query(this::map)
                .list();
    }

    public ChannelRecord.Secrets secrets(ChannelRecord channel) {
        return channel.secretsSealed() == null
                ? ChannelRecord.Secrets.NONE
                : json.readValue(
                        box.open(channel.secretsSealed(), channel.id().toString()), ChannelRecord.Secrets.class);
    }

    private @Nullable String seal(UUID id, ChannelRecord.Secrets secrets) {
        return secrets.isEmpty() ? null : box.seal(json.writeValueAsString(secrets), id.toString());
    }

    private ChannelRecord map(ResultSet rs, int row) throws SQLException {
        var rotated = rs.getTimestamp("rotated_at");
        return new ChannelRecord(
                rs.getObject("id", UUID.class),
                rs.getLong("workspace_id"),
                ChannelType.valueOf(rs.getString("type")),
                rs.getString("name"),
                rs.getString("url"),
                json.readValue(rs.getString("settings_json"), ChannelRecord.Settings.class),
                rs.getString("secrets_sealed"),
                rs.getString("template"),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                rs.getBoolean("demo_receiver"),
                rotated == null ? null : rotated.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
