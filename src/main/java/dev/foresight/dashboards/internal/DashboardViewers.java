package dev.foresight.dashboards.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard_viewers table: the live subscriptions to dashboards on every node, so a viewer on one node sees those
 * on the others. Each node keeps its own rows fresh; any node may expire the rows of one that went quiet. Every time is
 * the database's, so a node whose clock is behind neither loses its viewers to the others nor keeps stale ones.
 */
@Component
class DashboardViewers {

    /** A dashboard someone is viewing, as its live topic names it. */
    record Watched(String workspace, UUID dashboardId) {}

    private final JdbcClient jdbc;

    DashboardViewers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one subscription; a subscription id a client uses again replaces what it watched before. */
    void add(String node, String session, String subscription, Watched watched, String username) {
        jdbc.sql("delete from dashboard_viewers where node = ? and session_id = ? and subscription_id = ?")
                .params(node, session, subscription)
                .update();
        jdbc.sql(
                        """
                        insert into dashboard_viewers (node, session_id, subscription_id, workspace, dashboard_id,
                                                       username, heartbeat_at)
                        values (?, ?, ?, ?, ?, ?, current_timestamp)""")
                .params(node, session, subscription, watched.workspace(), watched.dashboardId(), username)
                .update();
    }

    /** Removes one subscription; answers the dashboard it watched, if it was one. */
    Optional<Watched> remove(String node, String session, String subscription) {
        var watched = jdbc.sql(
                        """
                        select workspace, dashboard_id from dashboard_viewers
                        where node = ? and session_id = ? and subscription_id = ?""")
                .params(node, session, subscription)
                .query((rs, row) -> new Watched(rs.getString(1), rs.getObject(2, UUID.class)))
                .optional();
        watched.ifPresent(
                w -> jdbc.sql("delete from dashboard_viewers where node = ? and session_id = ? and subscription_id = ?")
                        .params(node, session, subscription)
                        .update());
        return watched;
    }

    /** Removes every subscription of a session that closed; answers the dashboards they watched. */
    List<Watched> removeSession(String node, String session) {
        var watched = watched("node = ? and session_id = ?", node, session);
        jdbc.sql("delete from dashboard_viewers where node = ? and session_id = ?")
                .params(node, session)
                .update();
        return watched;
    }

    /** This node's viewers are still there. */
    void heartbeat(String node) {
        jdbc.sql("update dashboard_viewers set heartbeat_at = current_timestamp where node = ?")
                .param(node)
                .update();
    }

    /** How many dashboards one connection of this node views. */
    int countSession(String node, String session) {
        return jdbc.sql("select count(*) from dashboard_viewers where node = ? and session_id = ?")
                .params(node, session)
                .query(Integer.class)
                .single();
    }

    /** Removes the rows no node has vouched for within {@code timeout}; answers the dashboards they watched. */
    List<Watched> expire(Duration timeout) {
        var stale = Timestamp.from(now().minus(timeout));
        var watched = watched("heartbeat_at < ?", stale);
        jdbc.sql("delete from dashboard_viewers where heartbeat_at < ?")
                .param(stale)
                .update();
        return watched;
    }

    void removeNode(String node) {
        jdbc.sql("delete from dashboard_viewers where node = ?").param(node).update();
    }

    /** The people viewing a dashboard on any node, by username, each once, in order. */
    List<String> usernames(Watched watched, Duration timeout) {
        return jdbc.sql(
                        """
                        select distinct username from dashboard_viewers
                        where workspace = ? and dashboard_id = ? and heartbeat_at >= ? order by username""")
                .params(watched.workspace(), watched.dashboardId(), Timestamp.from(now().minus(timeout)))
                .query(String.class)
                .list();
    }

    private Instant now() {
        return jdbc.sql("select current_timestamp")
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    private List<Watched> watched(String where, Object... params) {
        return jdbc.sql("select distinct workspace, dashboard_id from dashboard_viewers where " + where)
                .params(params)
                .query((rs, row) -> new Watched(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
    }
}
