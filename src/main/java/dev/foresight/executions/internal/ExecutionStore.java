package dev.foresight.executions.internal;

import dev.foresight.executions.Execution;
import dev.foresight.executions.ExecutionFilter;
import dev.foresight.executions.ExecutionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The executions table. Status changes are conditional updates, so a late writer never resurrects a finished run. */
@Repository
public class ExecutionStore {

    private final JdbcClient jdbc;

    ExecutionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertQueued(
            UUID id, @Nullable Long workspaceId, @Nullable String workspaceSlug, String type, String startedBy) {
        var now = now();
        jdbc.sql(
                        """
                        insert into executions (id, workspace_id, workspace_slug, type, status, progress, message,
                            started_by, created_at, updated_at)
                        values (?, ?, ?, ?, 'QUEUED', 0, 'Waiting for a worker', ?, ?, ?)""")
                .params(id, workspaceId, workspaceSlug, type, startedBy, now, now)
                .update();
    }

    public Optional<Execution> find(UUID id) {
        return jdbc.sql("select * from executions where id = ?")
                .param(id)
                .query(ExecutionStore::map)
                .optional();
    }

    public List<Execution> list(long workspaceId, ExecutionFilter filter) {
        var sql = new StringBuilder("select * from executions where workspace_id = :workspace");
        var params = new HashMap<String, Object>();
        params.put("workspace", workspaceId);
        if (filter.status() != null) {
            sql.append(" and status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.type() != null) {
            sql.append(" and type = :type");
            params.put("type", filter.type());
        }
        sql.append(" order by created_at desc fetch first ")
                .append(filter.limit())
                .append(" rows only");
        return jdbc.sql(sql.toString())
                .params(params)
                .query(ExecutionStore::map)
                .list();
    }

    public List<Execution> listPlatform(int limit) {
        return jdbc.sql("select * from executions where workspace_id is null order by created_at desc fetch first "
                        + limit + " rows only")
                .query(ExecutionStore::map)
                .list();
    }

    /** Queued or running executions last touched before the given time. */
    public List<Execution> unfinishedSince(Instant untouchedSince) {
        return jdbc.sql("select * from executions where status in ('QUEUED', 'RUNNING') and updated_at < ?")
                .param(untouchedSince.atOffset(ZoneOffset.UTC))
                .query(ExecutionStore::map)
                .list();
    }

    /** Moves a queued (or re-delivered running) execution to RUNNING; false when it was cancelled or had ended. */
    public boolean markRunning(UUID id) {
        var now = now();
        return jdbc.sql(
                                """
                                update executions set status = 'RUNNING', started_at = coalesce(started_at, ?),
                                    updated_at = ?, message = 'Started', progress = 0
                                where id = ? and status in ('QUEUED', 'RUNNING') and cancel_requested = false""")
                        .params(now, now, id)
                        .update()
                == 1;
    }

    /** Stores progress and tells whether a cancel was requested meanwhile. */
    public boolean updateProgress(UUID id, int percent, String message) {
        jdbc.sql("update executions set progress = ?, message = ?, updated_at = ? where id = ? and status = 'RUNNING'")
                .params(Math.clamp(percent, 0, 100), truncate(message, 500), now(), id)
                .update();
        return jdbc.sql("select cancel_requested from executions where id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public boolean finish(UUID id, ExecutionStatus status, @Nullable String message, @Nullable String error) {
        var now = now();
        return jdbc.sql(
                                """
                                update executions set status = ?, finished_at = ?, updated_at = ?, error = ?,
                                    message = coalesce(?, message),
                                    progress = case when ? = 'SUCCEEDED' then 100 else progress end
                                where id = ? and status in ('QUEUED', 'RUNNING')""")
                        .params(
                                status.name(),
                                now,
                                now,
                                error == null ? null : truncate(error, 4000),
                                message,
                                status.name(),
                                id)
                        .update()
                == 1;
    }

    public void requestCancel(UUID id) {
        jdbc.sql("update executions set cancel_requested = true, message = 'Cancelling…', updated_at = ? where id = ?")
                .params(now(), id)
                .update();
    }

    private static Execution map(ResultSet rs, int row) throws SQLException {
        return new Execution(
                rs.getObject("id", UUID.class),
                rs.getString("workspace_slug"),
                rs.getString("type"),
                ExecutionStatus.valueOf(rs.getString("status")),
                rs.getInt("progress"),
                rs.getString("message"),
                rs.getString("started_by"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("error"),
                rs.getBoolean("cancel_requested"));
    }

    @SuppressWarnings("NullAway")
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
