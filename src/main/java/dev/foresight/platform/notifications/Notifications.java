package dev.foresight.platform.notifications;

import dev.foresight.executions.ExecutionFinished;
import dev.foresight.executions.ExecutionStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a person's notifications and pushes each one to their open pages at once. */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final SimpMessagingTemplate live;

    Notifications(JdbcClient jdbc, SimpMessagingTemplate live) {
        this.jdbc = jdbc;
        this.live = live;
    }

    /** Tells whoever started an execution how it ended. */
    @ApplicationModuleListener
    void on(ExecutionFinished finished) {
        if (finished.startedBy().equals("system") || finished.startedBy().startsWith("token:")) {
            return;
        }
        var ok = finished.status() == ExecutionStatus.SUCCEEDED;
        var text = finished.type() + " " + finished.status().name().toLowerCase()
                + (finished.error() == null ? "" : ": " + finished.error());
        var link = finished.workspace() == null
                ? null
                : "/w/" + finished.workspace() + "/executions/" + finished.executionId();
        notify(finished.startedBy(), finished.workspace(), text, link, ok ? "success" : "danger");
    }

    @Transactional
    public Notification notify(
            String username, @Nullable String workspace, String text, @Nullable String link, String level) {
        var keys = new GeneratedKeyHolder();
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        var shortText = text.length() > 500 ? text.substring(0, 500) : text;
        jdbc.sql(
                        """
                        insert into notifications (username, workspace_slug, text, link, level, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(username, workspace, shortText, link, level, now)
                .update(keys, "id");
        var notification =
                new Notification(keys.getKeyAs(Long.class), workspace, shortText, link, level, now.toInstant(), false);
        live.convertAndSendToUser(username, "/queue/notifications", notification);
        return notification;
    }

    public long unreadCount(String username) {
        return jdbc.sql("select count(*) from notifications where username = ? and read_at is null")
                .param(username)
                .query(Long.class)
                .single();
    }

    public List<Notification> recent(String username) {
        return jdbc.sql(
                        """
                        select * from notifications where username = ?
                        order by created_at desc fetch first 20 rows only""")
                .param(username)
                .query((rs, n) -> new Notification(
                        rs.getLong("id"),
                        rs.getString("workspace_slug"),
                        rs.getString("text"),
                        rs.getString("link"),
                        rs.getString("level"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("read_at") != null))
                .list();
    }

    @Transactional
    public void markAllRead(String username) {
        jdbc.sql("update notifications set read_at = ? where username = ? and read_at is null")
                .params(OffsetDateTime.now(ZoneOffset.UTC), username)
                .update();
    }
}
