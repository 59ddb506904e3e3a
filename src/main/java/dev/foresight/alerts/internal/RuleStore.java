package dev.foresight.alerts.internal;

import dev.foresight.alerts.AlertEvent;
import dev.foresight.alerts.Rule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rules in {@code alert_rules}; a rule without its own grouping durations takes the configured ones. */
@Component
public class RuleStore {

    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AlertsProperties properties;

    RuleStore(JdbcClient jdbc, JsonMapper json, AlertsProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    public void save(
            long workspaceId,
            Rule rule,
            boolean customWait,
            boolean customInterval,
            boolean customRepeat,
            String actor) {
        var now = Timestamp.from(Instant.now());
        // the columns both statements write, in the order both name them
        var fields = new ArrayList<@Nullable Object>(Arrays.asList(
                rule.name(),
                rule.event().name(),
                rule.minSeverity(),
                rule.monitorId(),
                rule.segment(),
                rule.minRejectRate(),
                rule.datasetId(),
                json.writeValueAsString(rule.channels()),
                customWait ? rule.groupWait().toString() : null,
                customInterval ? rule.groupInterval().toString() : null,
                customRepeat ? rule.repeatInterval().toString() : null,
                rule.enabled()));
        var update = new ArrayList<>(fields);
        update.addAll(Arrays.asList(now, rule.id(), workspaceId));
        int updated = jdbc.sql(
                        """
                        update alert_rules set name = ?, event = ?, min_severity = ?, monitor_id = ?, segment = ?,
                            min_reject_rate = ?, dataset_id = ?, channels_json = ?, group_wait = ?, group_interval = ?,
                            repeat_interval = ?, enabled = ?, updated_at = ?
                        where id = ? and workspace_id = ?""")
                .params(update)
                .update();
        if (updated == 0) {
            var insert = new ArrayList<@Nullable Object>(Arrays.asList(rule.id(), workspaceId));
            insert.addAll(fields);
            insert.addAll(Arrays.asList(actor, Timestamp.from(rule.createdAt()), now));
            jdbc.sql(
                            """
                            insert into alert_rules (id, workspace_id, name, event, min_severity, monitor_id, segment,
                                min_reject_rate, dataset_id, channels_json, group_wait, group_interval,
                                repeat_interval, enabled, created_by, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(insert)
                    .update();
        }
    }

    public boolean delete(long workspaceId, UUID id) {
        return jdbc.sql("delete from alert_rules where id = ? and workspace_id = ?")
                        .params(id, workspaceId)
                        .update()
                > 0;
    }

    public Optional<Rule> find(long workspaceId, UUID id) {
        return jdbc.sql("select * from alert_rules where id = ? and workspace_id = ?")
                .params(id, workspaceId)
                .query(this::map)
                .optional();
    }

    public Optional<Rule> find(UUID id) {
        return jdbc.sql("select * from alert_rules where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public List<Rule> list(long workspaceId) {
        return jdbc.sql("select * from alert_rules where workspace_id = ? order by created_at")
                .param(workspaceId)
                .query(this::map)
                .list();
    }

    public List<Rule> enabled(long workspaceId, AlertEvent event) {
        return jdbc.sql("select * from alert_rules where workspace_id = ? and event = ? and enabled = true")
                .params(workspaceId, event.name())
                .query(this::map)
                .list();
    }

    private Rule map(ResultSet rs, int row) throws SQLException {
        double rate = rs.getDouble("min_reject_rate");
        Double minRejectRate = rs.wasNull() ? null : rate;
        return new Rule(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                AlertEvent.valueOf(rs.getString("event")),
                rs.getString("min_severity"),
                rs.getObject("monitor_id", UUID.class),
                rs.getString("segment"),
                minRejectRate,
                rs.getObject("dataset_id", UUID.class),
                json.readValue(rs.getString("channels_json"), IDS),
                duration(rs.getString("group_wait"), properties.groupWait()),
                duration(rs.getString("group_interval"), properties.groupInterval()),
                duration(rs.getString("repeat_interval"), properties.repeatInterval()),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Duration duration(@Nullable String stored, Duration fallback) {
        return stored == null ? fallback : Duration.parse(stored);
    }
}
