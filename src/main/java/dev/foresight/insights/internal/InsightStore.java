package dev.foresight.insights.internal;

import dev.foresight.insights.DatasetProfile;
import dev.foresight.insights.Insight;
import dev.foresight.insights.InsightRun;
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

/** The insights module's tables: profiles per version, runs, and the current insights of each dataset. */
@Repository
public class InsightStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    InsightStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- profiles ----------------------------------------------------------------------------------------------------

    public void saveProfile(long workspaceId, DatasetProfile profile) {
        jdbc.sql("delete from dataset_profiles where version_id = ?")
                .param(profile.versionId())
                .update();
        jdbc.sql("insert into dataset_profiles (version_id, workspace_id, dataset_id, profile_json, created_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(profile.versionId(), workspaceId, profile.datasetId(), json.writeValueAsString(profile), now())
                .update();
    }

    public Optional<DatasetProfile> profile(long workspaceId, UUID datasetId, UUID versionId) {
        return jdbc.sql("select profile_json from dataset_profiles where workspace_id = ? and dataset_id = ? and"
                        + " version_id = ?")
                .params(workspaceId, datasetId, versionId)
                .query((rs, n) -> json.readValue(rs.getString(1), DatasetProfile.class))
                .optional();
    }

    // --- runs --------------------------------------------------------------------------------------------------------

    public void insertRun(UUID executionId, long workspaceId, UUID datasetId, UUID versionId, String startedBy) {
        jdbc.sql("insert into insight_runs (execution_id, workspace_id, dataset_id, version_id, status, started_by,"
                        + " created_at) values (?, ?, ?, ?, 'QUEUED', ?, ?)")
                .params(executionId, workspaceId, datasetId, versionId, startedBy, now())
                .update();
    }

    public void markRun(UUID executionId, String status) {
        jdbc.sql("update insight_runs set status = ? where execution_id = ?")
                .params(status, executionId)
                .update();
    }

    public void finishRun(UUID executionId, String status, @Nullable Integer count, List<String> notes) {
        jdbc.sql("update insight_runs set status = ?, insight_count = ?, notes_json = ?, finished_at = ? where"
                        + " execution_id = ?")
                .params(status, count, json.writeValueAsString(notes), now(), executionId)
                .update();
    }

    /** Whether this version already has a run that is waiting, running, or whose insights are the dataset's now. */
    public boolean hasLiveRun(UUID datasetId, UUID versionId) {
        return jdbc.sql(
                                """
                        select count(*) from insight_runs r where r.version_id = ? and (r.status in ('QUEUED', 'RUNNING')
                            or (r.status = 'SUCCEEDED' and not exists (select 1 from insights i where i.dataset_id = ?
                                and i.version_id <> ?)))""")
                        .params(versionId, datasetId, versionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<InsightRun> runs(long workspaceId, UUID datasetId, int limit) {
        return jdbc.sql("select * from insight_runs where workspace_id = ? and dataset_id = ? order by created_at desc"
                        + " limit ?")
                .params(workspaceId, datasetId, limit)
                .query(this::mapRun)
                .list();
    }

    public Optional<InsightRun> run(UUID executionId) {
        return jdbc.sql("select * from insight_runs where execution_id = ?")
                .param(executionId)
                .query(this::mapRun)
                .optional();
    }

    private InsightRun mapRun(ResultSet rs, int row) throws SQLException {
        var notes = rs.getString("notes_json");
        return new InsightRun(
                rs.getObject("execution_id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                rs.getObject("version_id", UUID.class),
                rs.getString("status"),
                (Integer) rs.getObject("insight_count"),
                notes == null ? List.of() : json.readValue(notes, STRINGS),
                rs.getString("started_by"),
                instant(rs, "created_at"),
                rs.getObject("finished_at") == null ? null : instant(rs, "finished_at"));
    }

    // --- insights ----------------------------------------------------------------------------------------------------

    /** Replaces the dataset's insights with a run's, in the run's order. */
    public void replace(long workspaceId, UUID datasetId, List<Insight> insights, UUID executionId) {
        jdbc.sql("delete from insights where workspace_id = ? and dataset_id = ?")
                .params(workspaceId, datasetId)
                .update();
        int rank = 0;
        for (var insight : insights) {
            jdbc.sql(
                            """
                            insert into insights (id, workspace_id, dataset_id, dataset_name, version_id, execution_id,
                                rank_in_run, type, score, sentence, evidence_json, chart_json, query_json, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            insight.id(),
                            workspaceId,
                            datasetId,
                            insight.datasetName(),
                            insight.versionId(),
                            executionId,
                            rank++,
                            insight.type(),
                            insight.score(),
                            insight.sentence(),
                            json.writeValueAsString(insight.evidence()),
                            json.writeValueAsString(insight.chart()),
                            json.writeValueAsString(Map.of("spec", insight.query(), "widget", insight.widget())),
                            OffsetDateTime.ofInstant(insight.createdAt(), ZoneOffset.UTC))
                    .update();
        }
    }

    public List<Insight> list(long workspaceId, UUID datasetId) {
        return jdbc.sql("select * from insights where workspace_id = ? and dataset_id = ? order by rank_in_run")
                .params(workspaceId, datasetId)
                .query(this::insight)
                .list();
    }

    /** The workspace's best insights: the top few of each dataset, newest datasets' runs first. */
    public List<Insight> feed(long workspaceId, int perDataset, int limit) {
        return jdbc.sql("select * from insights where workspace_id = ? and rank_in_run < ? order by created_at desc,"
                        + " rank_in_run limit ?")
                .params(workspaceId, perDataset, limit)
                .query(this::insight)
                .list();
    }

    private Insight insight(ResultSet rs, int row) throws SQLException {
        var query = json.readValue(rs.getString("query_json"), OBJECT);
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) query.get("spec");
        return new Insight(
                rs.getObject("id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                rs.getString("dataset_name"),
                rs.getObject("version_id", UUID.class),
                rs.getString("type"),
                rs.getDouble("score"),
                rs.getString("sentence"),
                json.readValue(rs.getString("evidence_json"), OBJECT),
                json.readValue(rs.getString("chart_json"), OBJECT),
                spec,
                String.valueOf(query.get("widget")),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
