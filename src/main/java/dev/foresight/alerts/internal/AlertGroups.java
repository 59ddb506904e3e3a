package dev.foresight.alerts.internal;

import dev.foresight.alerts.Rule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grouping and throttling after Grafana's notification policies, kept in the database. The first alert of a rule and
 * group key opens a group that waits {@code groupWait} for company; its flush sends one message per channel listing
 * every alert that arrived. Alerts arriving later wait for the next flush, {@code groupInterval} after the last; a
 * group with nothing new at its flush closes. An alert already sent (same rule and fingerprint) stays quiet for
 * {@code repeatInterval}.
 */
@Component
public class AlertGroups {

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RuleStore rules;
    private final DeliveryStore deliveries;
    private final TransactionTemplate transactions;

    AlertGroups(
            JdbcClient jdbc,
            JsonMapper json,
            RuleStore rules,
            DeliveryStore deliveries,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.rules = rules;
        this.deliveries = deliveries;
        this.transactions = transactions;
    }

    /** Adds one alert to its group, opening the group when there is none. */
    public void add(long workspaceId, Rule rule, String groupKey, String fingerprint, Map<String, String> fields) {
        var now = Instant.now();
        var groupId = jdbc.sql("select id from alert_groups where rule_id = ? and group_key = ?")
                .params(rule.id(), groupKey)
                .query(UUID.class)
                .optional()
                .orElseGet(() -> open(workspaceId, rule, groupKey, now));
        jdbc.sql(
                        """
                        insert into alert_group_items (id, group_id, fingerprint, fields_json, received_at)
                        values (?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), groupId, fingerprint, json.writeValueAsString(fields), Timestamp.from(now))
                .update();
    }

    private UUID open(long workspaceId, Rule rule, String groupKey, Instant now) {
        // concurrent alerts of one group race to open it: the loser's insert does nothing (a failed insert would
        // abort the listener's transaction on PostgreSQL), and both read the one group that won
        jdbc.sql(
                        """
                        insert into alert_groups (id, workspace_id, rule_id, group_key, flush_at, created_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(
                        UUID.randomUUID(),
                        workspaceId,
                        rule.id(),
                        groupKey,
                        Timestamp.from(now.plus(rule.groupWait())),
                        Timestamp.from(now))
                .update();
        return jdbc.sql("select id from alert_groups where rule_id = ? and group_key = ?")
                .params(rule.id(), groupKey)
                .query(UUID.class)
                .single();
    }

    /** Flushes every due group this node can claim. */
    public void flushDue(Instant now) {
        var due = jdbc.sql(
                        """
                        select id from alert_groups where flush_at <= ? and (lease_until is null or lease_until < ?)
                        order by flush_at limit 100""")
                .params(Timestamp.from(now), Timestamp.from(now))
                .query(UUID.class)
                .list();
        for (var id : due) {
            int claimed = jdbc.sql(
                            """
                            update alert_groups set lease_until = ?
                            where id = ? and (lease_until is null or lease_until < ?)""")
                    .params(Timestamp.from(now.plusSeconds(60)), id, Timestamp.from(now))
                    .update();
            if (claimed == 1) {
                transactions.executeWithoutResult(status -> flush(id, Instant.now()));
            }
        }
    }

    private record Item(UUID id, String fingerprint, Map<String, String> fields) {}

    private void flush(UUID groupId, Instant now) {
        var group = jdbc.sql("select workspace_id, rule_id from alert_groups where id = ?")
                .param(groupId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, UUID.class)})
                .optional()
                .orElse(null);
        if (group == null) {
            return;
        }
        long workspaceId = (Long) group[0];
        var rule = rules.find((UUID) group[1]).orElse(null);
        var items = jdbc.sql("select * from alert_group_items where group_id = ? order by received_at")
                .param(groupId)
                .query((rs, n) -> new Item(
                        rs.getObject("id", UUID.class),
                        rs.getString("fingerprint"),
                        json.readValue(rs.getString("fields_json"), FIELDS)))
                .list();
        // only what was read: an alert added meanwhile waits for the next flush
        for (var item : items) {
            jdbc.sql("delete from alert_group_items where id = ?")
                    .param(item.id())
                    .update();
        }
        if (rule == null || items.isEmpty()) {
            jdbc.sql("delete from alert_groups where id = ?").param(groupId).update();
            return;
        }
        var fresh = new LinkedHashMap<String, Map<String, String>>();
        for (var item : items) {
            var lastSent = jdbc.sql("select sent_at from alert_sent where rule_id = ? and fingerprint = ?")
                    .params(rule.id(), item.fingerprint())
                    .query(Timestamp.class)
                    .optional();
            boolean quiet = lastSent.isPresent()
                    && lastSent.get().toInstant().plus(rule.repeatInterval()).isAfter(now);
            if (!quiet) {
                fresh.put(item.fingerprint(), item.fields());
            }
        }
        if (!fresh.isEmpty()) {
            var workspace = fresh.values().iterator().next().getOrDefault("workspace", "");
            var message = AlertMessage.of(rule.event().json(), workspace, rule.name(), new ArrayList<>(fresh.values()));
            for (var channelId : rule.channels()) {
                deliveries.create(workspaceId, channelId, rule.id(), message, now);
            }
            for (var fingerprint : fresh.keySet()) {
                int updated = jdbc.sql("update alert_sent set sent_at = ? where rule_id = ? and fingerprint = ?")
                        .params(Timestamp.from(now), rule.id(), fingerprint)
                        .update();
                if (updated == 0) {
                    jdbc.sql("insert into alert_sent (rule_id, fingerprint, sent_at) values (?, ?, ?)")
                            .params(rule.id(), fingerprint, Timestamp.from(now))
                            .update();
                }
            }
        }
        jdbc.sql("update alert_groups set last_flushed_at = ?, flush_at = ?, lease_until = null where id = ?")
                .params(Timestamp.from(now), Timestamp.from(now.plus(rule.groupInterval())), groupId)
                .update();
    }

    /** How many alerts wait in open groups of a workspace, for the rules page. */
    public int waiting(long workspaceId) {
        return jdbc.sql(
                        """
                        select count(*) from alert_group_items i join alert_groups g on g.id = i.group_id
                        where g.workspace_id = ?""")
                .param(workspaceId)
                .query(Integer.class)
                .single();
    }
}
