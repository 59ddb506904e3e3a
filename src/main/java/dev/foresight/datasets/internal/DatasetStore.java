package dev.foresight.datasets.internal;

import dev.foresight.datasets.Dataset;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetVersion;
import dev.foresight.datasets.QualityReport;
import dev.foresight.datasets.VersionStatus;
import dev.foresight.datasets.rules.ValidationRule;
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

/** The datasets, versions and settings tables. Every read is scoped by workspace. */
@Repository
public class DatasetStore {

    private static final TypeReference<List<DatasetColumn>> COLUMNS = new TypeReference<>() {};
    private static final TypeReference<List<ValidationRule>> RULES = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> ROLES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> SUMMARY = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DatasetStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insertDataset(
            UUID id,
            long workspaceId,
            String workspaceSlug,
            String name,
            @Nullable String description,
            String createdBy) {
        var now = now();
        jdbc.sql(
                        """
                        insert into datasets (id, workspace_id, workspace_slug, name, description, created_by,
                            created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, workspaceId, workspaceSlug, name, description, createdBy, now, now)
                .update();
    }

    public void insertVersion(
            UUID id,
            UUID datasetId,
            long workspaceId,
            String origin,
            @Nullable String sourceName,
            long sourceBytes,
            @Nullable String sheet,
            String createdBy) {
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from dataset_versions where dataset_id = ?")
                .param(datasetId)
                .query(Integer.class)
                .single();
        jdbc.sql(
                        """
                        insert into dataset_versions (id, dataset_id, workspace_id, number, origin, status, source_name,
                            source_bytes, sheet, created_by, created_at)
                        values (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)""")
                .params(id, datasetId, workspaceId, number, origin, sourceName, sourceBytes, sheet, createdBy, now())
                .update();
    }

    public void setExecution(UUID versionId, UUID executionId) {
        jdbc.sql("update dataset_versions set execution_id = ? where id = ?")
                .params(executionId, versionId)
                .update();
    }

    public void setSummary(UUID versionId, Map<String, Object> summary) {
        jdbc.sql("update dataset_versions set summary_json = ? where id = ?")
                .params(json.writeValueAsString(summary), versionId)
                .update();
    }

    public void markProcessing(UUID versionId) {
        jdbc.sql("update dataset_versions set status = 'PROCESSING', error = null where id = ?")
                .param(versionId)
                .update();
    }

    public void markFailed(UUID versionId, String error) {
        jdbc.sql("update dataset_versions set status = 'FAILED', error = ?, finished_at = ? where id = ?")
                .params(error.length() > 4000 ? error.substring(0, 4000) : error, now(), versionId)
                .update();
    }

    /** Fails the version of an execution that ended without finishing it; false when there was none left. */
    public boolean failUnfinished(UUID executionId, String error) {
        return jdbc.sql(
                                """
                                update dataset_versions set status = 'FAILED', error = ?, finished_at = ?
                                where execution_id = ? and status in ('QUEUED', 'PROCESSING')""")
                        .params(error.length() > 4000 ? error.substring(0, 4000) : error, now(), executionId)
                        .update()
                > 0;
    }

    public void markSucceeded(
            UUID versionId, long rowCount, List<DatasetColumn> columns, QualityReport quality, long parquetBytes) {
        jdbc.sql(
                        """
                        update dataset_versions set status = 'SUCCEEDED', row_count = ?, column_count = ?,
                            schema_json = ?, quality_json = ?, parquet_bytes = ?, finished_at = ?, error = null
                        where id = ?""")
                .params(
                        rowCount,
                        columns.size(),
                        json.writeValueAsString(columns),
                        json.writeValueAsString(quality),
                        parquetBytes,
                        now(),
                        versionId)
                .update();
    }

    public void makeCurrent(UUID datasetId, UUID versionId) {
        jdbc.sql("update datasets set current_version_id = ?, updated_at = ? where id = ?")
                .params(versionId, now(), datasetId)
                .update();
    }

    public List<Dataset> list(long workspaceId) {
        return jdbc.sql(
                        """
                        select d.*, v.number, v.row_count, v.column_count, v.parquet_bytes, v.quality_json
                        from datasets d left join dataset_versions v on v.id = d.current_version_id
                        where d.workspace_id = ? order by d.updated_at desc""")
                .param(workspaceId)
                .query(this::dataset)
                .list();
    }

    public Optional<Dataset> find(long workspaceId, UUID datasetId) {
        return jdbc.sql(
                        """
                        select d.*, v.number, v.row_count, v.column_count, v.parquet_bytes, v.quality_json
                        from datasets d left join dataset_versions v on v.id = d.current_version_id
                        where d.workspace_id = ? and d.id = ?""")
                .params(workspaceId, datasetId)
                .query(this::dataset)
                .optional();
    }

    /** A dataset found by id for background work, with its workspace's slug. */
    public Optional<InternalDataset> findInternal(long workspaceId, UUID datasetId) {
        return jdbc.sql("select workspace_slug, current_version_id from datasets where workspace_id = ? and id = ?")
                .params(workspaceId, datasetId)
                .query((rs, n) -> new InternalDataset(
                        rs.getString("workspace_slug"), rs.getObject("current_version_id", UUID.class)))
                .optional();
    }

    public record InternalDataset(String workspaceSlug, @Nullable UUID currentVersionId) {}

    public List<DatasetVersion> versions(long workspaceId, UUID datasetId) {
        return jdbc.sql(
                        """
                        select v.*, d.current_version_id from dataset_versions v join datasets d on d.id = v.dataset_id
                        where v.workspace_id = ? and v.dataset_id = ? order by v.number desc""")
                .params(workspaceId, datasetId)
                .query(this::version)
                .list();
    }

    public Optional<DatasetVersion> version(long workspaceId, UUID datasetId, UUID versionId) {
        return jdbc.sql(
                        """
                        select v.*, d.current_version_id from dataset_versions v join datasets d on d.id = v.dataset_id
                        where v.workspace_id = ? and v.dataset_id = ? and v.id = ?""")
                .params(workspaceId, datasetId, versionId)
                .query(this::version)
                .optional();
    }

    /** The version behind a job, whatever workspace; jobs carry ids that Foresight itself made. */
    public Optional<VersionRef> versionRef(UUID versionId) {
        return jdbc.sql(
                        """
                        select v.id, v.dataset_id, v.workspace_id, d.workspace_slug, v.source_name, v.status, v.origin,
                            v.created_by, v.sheet
                        from dataset_versions v join datasets d on d.id = v.dataset_id where v.id = ?""")
                .param(versionId)
                .query((rs, n) -> new VersionRef(
                        rs.getObject("id", UUID.class),
                        rs.getObject("dataset_id", UUID.class),
                        rs.getLong("workspace_id"),
                        rs.getString("workspace_slug"),
                        rs.getString("source_name"),
                        VersionStatus.valueOf(rs.getString("status")),
                        rs.getString("origin"),
                        rs.getString("created_by"),
                        rs.getString("sheet")))
                .optional();
    }

    public record VersionRef(
            UUID id,
            UUID datasetId,
            long workspaceId,
            String workspaceSlug,
            @Nullable String sourceName,
            VersionStatus status,
            String origin,
            String createdBy,
            @Nullable String sheet) {}

    public Optional<QualityReport> quality(long workspaceId, UUID datasetId, UUID versionId) {
        return jdbc.sql(
                        "select quality_json from dataset_versions where workspace_id = ? and dataset_id = ? and id = ?")
                .params(workspaceId, datasetId, versionId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, QualityReport.class));
    }

    public Optional<List<ValidationRule>> rules(UUID datasetId) {
        return jdbc.sql("select rules_json from dataset_settings where dataset_id = ? and rules_json is not null")
                .param(datasetId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, RULES));
    }

    public Map<String, String> roles(UUID datasetId) {
        return jdbc.sql("select roles_json from dataset_settings where dataset_id = ? and roles_json is not null")
                .param(datasetId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, ROLES))
                .orElse(Map.of());
    }

    public void saveRules(UUID datasetId, List<ValidationRule> rules, String by) {
        upsertSettings(datasetId, by);
        jdbc.sql("update dataset_settings set rules_json = ?, updated_by = ?, updated_at = ? where dataset_id = ?")
                .params(json.writeValueAsString(rules), by, now(), datasetId)
                .update();
    }

    public void saveRoles(UUID datasetId, Map<String, String> roles, String by) {
        upsertSettings(datasetId, by);
        jdbc.sql("update dataset_settings set roles_json = ?, updated_by = ?, updated_at = ? where dataset_id = ?")
                .params(json.writeValueAsString(roles), by, now(), datasetId)
                .update();
    }

    private void upsertSettings(UUID datasetId, String by) {
        int exists = jdbc.sql("select count(*) from dataset_settings where dataset_id = ?")
                .param(datasetId)
                .query(Integer.class)
                .single();
        if (exists == 0) {
            jdbc.sql("insert into dataset_settings (dataset_id, updated_by, updated_at) values (?, ?, ?)")
                    .params(datasetId, by, now())
                    .update();
        }
    }

    private Dataset dataset(ResultSet rs, int row) throws SQLException {
        var quality = rs.getString("quality_json");
        Double score = quality == null
                ? null
                : json.readValue(quality, QualityReport.class).score();
        return new Dataset(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getObject("current_version_id", UUID.class),
                (Integer) rs.getObject("number"),
                longOrNull(rs, "row_count"),
                (Integer) rs.getObject("column_count"),
                longOrNull(rs, "parquet_bytes"),
                score,
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private DatasetVersion version(ResultSet rs, int row) throws SQLException {
        var schema = rs.getString("schema_json");
        var id = rs.getObject("id", UUID.class);
        return new DatasetVersion(
                id,
                rs.getObject("dataset_id", UUID.class),
                rs.getInt("number"),
                rs.getString("origin"),
                VersionStatus.valueOf(rs.getString("status")),
                rs.getString("source_name"),
                longOrNull(rs, "source_bytes"),
                longOrNull(rs, "row_count"),
                (Integer) rs.getObject("column_count"),
                rs.getString("error"),
                rs.getObject("execution_id", UUID.class),
                schema == null ? List.of() : json.readValue(schema, COLUMNS),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                rs.getObject("finished_at") == null ? null : instant(rs, "finished_at"),
                id.equals(rs.getObject("current_version_id", UUID.class)),
                rs.getString("summary_json") == null ? null : json.readValue(rs.getString("summary_json"), SUMMARY));
    }

    private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
