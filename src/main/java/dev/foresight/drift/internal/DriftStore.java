package dev.foresight.drift.internal;

import dev.foresight.drift.DriftMonitor;
import dev.foresight.drift.DriftResult;
import dev.foresight.drift.DriftRun;
import dev.foresight.drift.DriftSeverity;
import dev.foresight.drift.MonitorDefinition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Monitors, runs and results. Every read a person can cause is scoped by workspace. */
@Repository
public class DriftStore {

    private static final TypeReference<Map<String, Object>> SUMMARY = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DriftStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A monitor's row as the module needs it internally. */
    public record MonitorRow(
            UUID id,
            long workspaceId,
            String workspaceSlug,
            String name,
            UUID datasetId,
            MonitorDefinition definition,
            String status,
            @Nullable String statusMessage,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {}

    /** A run's row with what its job needs. */
    public record RunRow(
            UUID id,
            UUID monitorId,
            long workspaceId,
            String trigger,
            String status,
            @Nullable UUID datasetVersionId,
            String createdBy) {}

    public void insertMonitor(
            UUID id, long workspaceId, String slug, UUID datasetId, MonitorDefinition definition, String actor) {
        var now = now();
        jdbc.sql(
                        """
                        insert into drift_monitors (id, workspace_id, workspace_slug, name, dataset_id, definition_json,
                            schedule, status, created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'OK', ?, ?, ?)""")
                .params(
                        id,
                        workspaceId,
                        slug,
                        definition.name(),
                        datasetId,
                        json.writeValueAsString(definition),
                        definition.schedule(),
                        actor,
                        now,
                        now)
                .update();
    }

    public void updateMonitor(UUID id, UUID datasetId, MonitorDefinition definition) {
        jdbc.sql(
                        """
                        update drift_monitors set name = ?, dataset_id = ?, definition_json = ?, schedule = ?,
                            status = 'OK', status_message = null, updated_at = ?
                        where id = ?""")
                .params(
                        definition.name(),
                        datasetId,
                        json.writeValueAsString(definition),
                        definition.schedule(),
                        now(),
                        id)
                .update();
    }

    public void setMonitorStatus(UUID id, String status, @Nullable String message) {
        jdbc.sql("update drift_monitors set status = ?, status_message = ? where id = ?")
                .params(status, truncate(message, 2000), id)
                .update();
    }

    public void deleteMonitor(UUID id) {
        jdbc.sql("delete from drift_monitors where id = ?").param(id).update();
    }

    public Optional<MonitorRow> monitor(long workspaceId, UUID id) {
        return jdbc.sql("select * from drift_monitors where workspace_id = ? and id = ?")
                .params(workspaceId, id)
                .query(this::monitorRow)
                .optional();
    }

    public Optional<MonitorRow> monitor(UUID id) {
        return jdbc.sql("select * from drift_monitors where id = ?")
                .param(id)
                .query(this::monitorRow)
                .optional();
    }

    public List<MonitorRow> monitors(long workspaceId) {
        return jdbc.sql("select * from drift_monitors where workspace_id = ? order by name, created_at")
                .param(workspaceId)
                .query(this::monitorRow)
                .list();
    }

    public List<MonitorRow> monitorsOfDataset(long workspaceId, UUID datasetId) {
        return jdbc.sql("select * from drift_monitors where workspace_id = ? and dataset_id = ? order by created_at")
                .params(workspaceId, datasetId)
                .query(this::monitorRow)
                .list();
    }

    public boolean exists(long workspaceId, UUID datasetId, String name) {
        return jdbc.sql("select count(*) from drift_monitors where workspace_id = ? and dataset_id = ? and name = ?")
                        .params(workspaceId, datasetId, name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public DriftMonitor view(MonitorRow row, String datasetName) {
        var last = jdbc.sql(
                        """
                        select id, status, created_at, drifted from drift_runs where monitor_id = ?
                        order by created_at desc limit 1""")
                .param(row.id())
                .query((rs, n) -> new Object[] {
                    rs.getObject("id", UUID.class),
                    rs.getString("status"),
                    instant(rs, "created_at"),
                    rs.getInt("drifted")
                })
                .optional();
        var d = row.definition();
        return new DriftMonitor(
                row.id(),
                row.name(),
                row.datasetId(),
                datasetName,
                d.timeColumn(),
                d.segmentColumns(),
                d.metricList(),
                d.baselineWindow(),
                d.currentWindow(),
                d.baselineVersion(),
                d.schedule(),
                d.falseDiscoveryRate(),
                row.status(),
                row.statusMessage(),
                last.map(l -> (UUID) l[0]).orElse(null),
                last.map(l -> (String) l[1]).orElse(null),
                last.map(l -> (Instant) l[2]).orElse(null),
                last.map(l -> (Integer) l[3]).orElse(null),
                row.createdBy(),
                row.createdAt(),
                row.updatedAt());
    }

    // --- runs ---------------------------------------------------------------------------------------------------

    public void insertRun(
            UUID id, UUID monitorId, long workspaceId, String trigger, @Nullable UUID versionId, String actor) {
        jdbc.sql(
                        """
                        insert into drift_runs (id, monitor_id, workspace_id, trigger_kind, status, dataset_version_id,
                            created_by, created_at)
                        values (?, ?, ?, ?, 'QUEUED', ?, ?, ?)""")
                .params(id, monitorId, workspaceId, trigger, versionId, actor, now())
                .update();
    }

    public void setExecution(UUID runId, UUID executionId) {
        jdbc.sql("update drift_runs set execution_id = ? where id = ?")
                .params(executionId, runId)
                .update();
    }

    public void markRunning(UUID runId) {
        jdbc.sql("update drift_runs set status = 'RUNNING' where id = ?")
                .param(runId)
                .update();
    }

    /** Ends a run without results: NO_DATA or FAILED, with the message a person reads. */
    public void finishRun(UUID runId, String status, String message, @Nullable UUID versionId) {
        jdbc.sql(
                        """
                        update drift_runs set status = ?, message = ?, finished_at = ?,
                            dataset_version_id = coalesce(?, dataset_version_id)
                        where id = ?""")
                .params(status, truncate(message, 2000), now(), versionId, runId)
                .update();
    }

    /** Stores a run's results and marks it finished; a repeat after a crash replaces what an earlier attempt left. */
    public void storeResults(
            UUID runId, UUID versionId, DriftAnalysis.@Nullable Windows windows, List<DriftResult> results) {
        jdbc.sql("delete from drift_results where run_id = ?").param(runId).update();
        int position = 0;
        for (var r : results) {
            jdbc.sql(
                            """
                            insert into drift_results (run_id, position, segment, metric, kind, status, test, statistic,
                                p_value, adjusted_p, threshold, drifted, severity, effect_size, psi, baseline_count,
                                current_count, baseline_text, current_text, baseline_json, current_json)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            runId,
                            position++,
                            truncate(r.segment(), 1000),
                            truncate(r.metric(), 1200),
                            r.kind(),
                            r.status(),
                            r.test(),
                            r.statistic(),
                            r.pValue(),
                            r.adjustedPValue(),
                            r.threshold(),
                            r.drifted(),
                            r.severity() == null ? null : r.severity().name(),
                            r.effectSize(),
                            r.psi(),
                            r.baselineCount(),
                            r.currentCount(),
                            truncate(r.baselineText(), 200),
                            truncate(r.currentText(), 200),
                            r.baseline() == null ? null : json.writeValueAsString(r.baseline()),
                            r.current() == null ? null : json.writeValueAsString(r.current()))
                    .update();
        }
        int drifted = (int) results.stream().filter(DriftResult::drifted).count();
        int insufficient = (int) results.stream()
                .filter(r -> r.status().equals("INSUFFICIENT_DATA"))
                .count();
        jdbc.sql(
                        """
                        update drift_runs set status = 'SUCCEEDED', message = ?, finished_at = ?, dataset_version_id = ?,
                            baseline_from = ?, baseline_to = ?, current_from = ?, current_to = ?, pairs = ?, drifted = ?,
                            insufficient = ?
                        where id = ?""")
                .params(
                        drifted + " of " + results.size() + " segment × metric pairs drifted"
                                + (insufficient > 0 ? "; " + insufficient + " had insufficient data" : "") + ".",
                        now(),
                        versionId,
                        windows == null ? null : windows.baselineFrom().toString(),
                        windows == null ? null : windows.currentFrom().toString(),
                        windows == null ? null : windows.currentFrom().toString(),
                        windows == null ? null : windows.currentTo().toString(),
                        results.size(),
                        drifted,
                        insufficient,
                        runId)
                .update();
    }

    public Optional<RunRow> runRow(UUID runId) {
        return jdbc.sql("select * from drift_runs where id = ?")
                .param(runId)
                .query((rs, n) -> new RunRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("monitor_id", UUID.class),
                        rs.getLong("workspace_id"),
                        rs.getString("trigger_kind"),
                        rs.getString("status"),
                        rs.getObject("dataset_version_id", UUID.class),
                        rs.getString("created_by")))
                .optional();
    }

    public Optional<DriftRun> run(long workspaceId, UUID runId, boolean withResults) {
        return jdbc.sql(
                        """
                        select r.*, m.name as monitor_name from drift_runs r join drift_monitors m on m.id = r.monitor_id
                        where r.workspace_id = ? and r.id = ?""")
                .params(workspaceId, runId)
                .query((rs, n) -> run(rs, withResults ? results(runId) : List.of()))
                .optional();
    }

    public List<DriftRun> runs(long workspaceId, UUID monitorId, int limit) {
        return jdbc.sql(
                        """
                        select r.*, m.name as monitor_name from drift_runs r join drift_monitors m on m.id = r.monitor_id
                        where r.workspace_id = ? and r.monitor_id = ? order by r.created_at desc limit ?""")
                .params(workspaceId, monitorId, limit)
                .query((rs, n) -> run(rs, List.of()))
                .list();
    }

    /** One pair's figures over a monitor's past runs, oldest first. */
    public record TimelinePoint(
            UUID runId,
            Instant at,
            @Nullable String currentTo,
            String status,
            @Nullable String test,
            @Nullable Double statistic,
            @Nullable Double pValue,
            @Nullable Double effectSize,
            boolean drifted,
            @Nullable String severity,
            @Nullable String currentText) {}

    public List<TimelinePoint> timeline(long workspaceId, UUID monitorId, String segment, String metric, int limit) {
        return jdbc.sql(
                        """
                        select r.id, r.created_at, r.current_to, x.status, x.test, x.statistic, x.p_value,
                            x.effect_size, x.drifted, x.severity, x.current_text
                        from drift_results x join drift_runs r on r.id = x.run_id
                        where r.workspace_id = ? and r.monitor_id = ? and x.segment = ? and x.metric = ?
                        order by r.created_at desc limit ?""")
                .params(workspaceId, monitorId, segment, metric, limit)
                .query((rs, n) -> new TimelinePoint(
                        rs.getObject(1, UUID.class),
                        instant(rs, "created_at"),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        nullableDouble(rs, 6),
                        nullableDouble(rs, 7),
                        nullableDouble(rs, 8),
                        rs.getBoolean(9),
                        rs.getString(10),
                        rs.getString(11)))
                .list()
                .reversed();
    }

    private List<DriftResult> results(UUID runId) {
        return jdbc.sql("select * from drift_results where run_id = ? order by position")
                .param(runId)
                .query((rs, n) -> new DriftResult(
                        rs.getString("segment"),
                        rs.getString("metric"),
                        rs.getString("kind"),
                        rs.getString("status"),
                        rs.getString("test"),
                        nullableDouble(rs, "statistic"),
                        nullableDouble(rs, "p_value"),
                        nullableDouble(rs, "adjusted_p"),
                        nullableDouble(rs, "threshold"),
                        rs.getBoolean("drifted"),
                        rs.getString("severity") == null ? null : DriftSeverity.valueOf(rs.getString("severity")),
                        nullableDouble(rs, "effect_size"),
                        nullableDouble(rs, "psi"),
                        rs.getLong("baseline_count"),
                        rs.getLong("current_count"),
                        rs.getString("baseline_text"),
                        rs.getString("current_text"),
                        summary(rs.getString("baseline_json")),
                        summary(rs.getString("current_json"))))
                .list();
    }

    private DriftRun run(ResultSet rs, List<DriftResult> results) throws SQLException {
        return new DriftRun(
                rs.getObject("id", UUID.class),
                rs.getObject("monitor_id", UUID.class),
                rs.getString("monitor_name"),
                rs.getObject("execution_id", UUID.class),
                rs.getString("trigger_kind"),
                rs.getString("status"),
                rs.getString("message"),
                rs.getObject("dataset_version_id", UUID.class),
                rs.getString("baseline_from"),
                rs.getString("baseline_to"),
                rs.getString("current_from"),
                rs.getString("current_to"),
                rs.getInt("pairs"),
                rs.getInt("drifted"),
                rs.getInt("insufficient"),
                instant(rs, "created_at"),
                rs.getObject("finished_at") == null ? null : instant(rs, "finished_at"),
                results);
    }

    private MonitorRow monitorRow(ResultSet rs, int n) throws SQLException {
        return new MonitorRow(
                rs.getObject("id", UUID.class),
                rs.getLong("workspace_id"),
                rs.getString("workspace_slug"),
                rs.getString("name"),
                rs.getObject("dataset_id", UUID.class),
                json.readValue(rs.getString("definition_json"), MonitorDefinition.class),
                rs.getString("status"),
                rs.getString("status_message"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private @Nullable Map<String, Object> summary(@Nullable String text) {
        return text == null ? null : json.readValue(text, SUMMARY);
    }

    private static @Nullable Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
