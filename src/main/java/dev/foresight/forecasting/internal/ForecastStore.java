package dev.foresight.forecasting.internal;

import dev.foresight.forecasting.Adjustment;
import dev.foresight.forecasting.AdjustmentKind;
import dev.foresight.forecasting.Backtest;
import dev.foresight.forecasting.Forecast;
import dev.foresight.forecasting.ForecastPoint;
import dev.foresight.forecasting.ForecastSpec;
import dev.foresight.forecasting.ForecastStatus;
import dev.foresight.forecasting.ModelScore;
import dev.foresight.forecasting.Observation;
import dev.foresight.forecasting.SeriesForecast;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The forecasts, their series and the adjustments layer. Every read is scoped by workspace. */
@Repository
public class ForecastStore {

    private static final TypeReference<List<ModelScore>> SCORES = new TypeReference<>() {};
    private static final TypeReference<List<Observation>> HISTORY = new TypeReference<>() {};
    private static final TypeReference<List<ForecastPoint>> POINTS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> SEGMENT = new TypeReference<>() {};

    /** A run's row with what the job needs to compute it. */
    public record Run(
            UUID id,
            long workspaceId,
            String workspaceSlug,
            ForecastSpec spec,
            String specKey,
            ForecastStatus status,
            @Nullable UUID versionId,
            String createdBy) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ForecastStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * What makes two runs "the same spec": dataset, columns, segments, frequency and gap filling. The horizon and the
     * backtest settings may change between runs without losing adjustments.
     */
    public static String specKey(ForecastSpec spec) {
        var text = spec.dataset() + "|" + spec.timeColumn() + "|" + spec.measure() + "|"
                + String.join("\u0001", spec.segmentColumns()) + "|"
                + Frequency.require(spec.frequency()).label()
                + "|" + SeriesLoader.fill(spec.fill());
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insert(UUID id, long workspaceId, String slug, ForecastSpec spec, UUID versionId, String createdBy) {
        jdbc.sql(
                        """
                        insert into forecasts (id, workspace_id, workspace_slug, dataset_id, version_id, spec_key,
                            spec_json, status, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)""")
                .params(
                        id,
                        workspaceId,
                        slug,
                        spec.dataset(),
                        versionId,
                        specKey(spec),
                        json.writeValueAsString(spec),
                        createdBy,
                        now())
                .update();
    }

    public void setExecution(UUID id, UUID executionId) {
        jdbc.sql("update forecasts set execution_id = ? where id = ?")
                .params(executionId, id)
                .update();
    }

    public Optional<Run> run(UUID id) {
        return jdbc.sql("select id, workspace_id, workspace_slug, spec_json, spec_key, status, version_id, created_by"
                        + " from forecasts where id = ?")
                .param(id)
                .query((rs, i) -> new Run(
                        rs.getObject("id", UUID.class),
                        rs.getLong("workspace_id"),
                        rs.getString("workspace_slug"),
                        json.readValue(rs.getString("spec_json"), ForecastSpec.class),
                        rs.getString("spec_key"),
                        ForecastStatus.valueOf(rs.getString("status")),
                        rs.getObject("version_id", UUID.class),
                        rs.getString("created_by")))
                .optional();
    }

    public void markRunning(UUID id, int total) {
        jdbc.sql(
                        "update forecasts set status = 'RUNNING', series_total = ?, series_done = 0, error = null where id = ?")
                .params(total, id)
                .update();
        jdbc.sql("delete from forecast_series where forecast_id = ?").param(id).update();
    }

    public void progress(UUID id, int done) {
        jdbc.sql("update forecasts set series_done = ? where id = ?")
                .params(done, id)
                .update();
    }

    public void insertSeries(UUID forecastId, int ordinal, SeriesForecast series) {
        jdbc.sql(
                        """
                        insert into forecast_series (forecast_id, ordinal, segment, segment_json, model, note,
                            backtest_json, candidates_json, history_json, points_json)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        forecastId,
                        ordinal,
                        truncate(series.segment(), 500),
                        json.writeValueAsString(series.segmentValues()),
                        series.model(),
                        series.note() == null ? null : truncate(series.note(), 2000),
                        json.writeValueAsString(series.backtest()),
                        json.writeValueAsString(series.candidates()),
                        json.writeValueAsString(series.history()),
                        json.writeValueAsString(series.points()))
                .update();
    }

    public void markSucceeded(UUID id, UUID versionId) {
        jdbc.sql("update forecasts set status = 'SUCCEEDED', version_id = ?, series_done = series_total,"
                        + " finished_at = ?, error = null where id = ?")
                .params(versionId, now(), id)
                .update();
    }

    public void markFailed(UUID id, String error) {
        jdbc.sql("update forecasts set status = 'FAILED', error = ?, finished_at = ? where id = ?")
                .params(truncate(error, 4000), now(), id)
                .update();
    }

    /** Fails the forecast of an execution that ended without finishing it. */
    public void failUnfinished(UUID executionId, String error) {
        jdbc.sql("update forecasts set status = 'FAILED', error = ?, finished_at = ?"
                        + " where execution_id = ? and status in ('QUEUED', 'RUNNING')")
                .params(truncate(error, 4000), now(), executionId)
                .update();
    }

    public Optional<Forecast> find(long workspaceId, UUID id, boolean withSeries) {
        return jdbc.sql(SELECT + " where workspace_id = ? and id = ?")
                .params(workspaceId, id)
                .query((rs, i) -> forecast(rs, withSeries ? series(id) : List.of()))
                .optional();
    }

    public List<Forecast> list(long workspaceId, int limit) {
        return jdbc.sql(SELECT + " where workspace_id = ? order by created_at desc limit ?")
                .params(workspaceId, limit)
                .query((rs, i) -> forecast(rs, List.of()))
                .list();
    }

    /** The runs of one spec, newest first. */
    public List<Forecast> history(long workspaceId, String specKey) {
        return jdbc.sql(SELECT + " where workspace_id = ? and spec_key = ? order by created_at desc limit 50")
                .params(workspaceId, specKey)
                .query((rs, i) -> forecast(rs, List.of()))
                .list();
    }

    public Optional<String> specKeyOf(long workspaceId, UUID id) {
        return jdbc.sql("select spec_key from forecasts where workspace_id = ? and id = ?")
                .params(workspaceId, id)
                .query(String.class)
                .optional();
    }

    /** Whether a run of this spec over this dataset version exists already (demo seeding stays idempotent). */
    public boolean exists(long workspaceId, String specKey, UUID versionId) {
        return jdbc.sql("select count(*) from forecasts where workspace_id = ? and spec_key = ? and version_id = ?")
                        .params(workspaceId, specKey, versionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static final String SELECT =
            """
            select id, dataset_id, version_id, spec_json, status, error, execution_id, series_total, series_done,
                created_by, created_at from forecasts""";

    private Forecast forecast(ResultSet rs, List<SeriesForecast> series) throws SQLException {
        var spec = json.readValue(rs.getString("spec_json"), ForecastSpec.class);
        return new Forecast(
                rs.getObject("id", UUID.class),
                rs.getObject("dataset_id", UUID.class),
                spec.timeColumn(),
                spec.measure(),
                spec.segmentColumns(),
                spec.frequency(),
                spec.horizon(),
                ForecastStatus.valueOf(rs.getString("status")),
                rs.getString("error"),
                instant(rs, "created_at"),
                series,
                rs.getObject("execution_id", UUID.class),
                rs.getObject("version_id", UUID.class),
                rs.getString("created_by"),
                rs.getInt("series_done"),
                rs.getInt("series_total"));
    }

    private List<SeriesForecast> series(UUID forecastId) {
        return jdbc.sql(
                        """
                        select segment, segment_json, model, note, backtest_json, candidates_json, history_json,
                            points_json from forecast_series where forecast_id = ? order by ordinal""")
                .param(forecastId)
                .query((rs, i) -> new SeriesForecast(
                        rs.getString("segment"),
                        json.readValue(rs.getString("segment_json"), SEGMENT),
                        rs.getString("model"),
                        rs.getString("note"),
                        json.readValue(rs.getString("backtest_json"), Backtest.class),
                        json.readValue(rs.getString("candidates_json"), SCORES),
                        json.readValue(rs.getString("history_json"), HISTORY),
                        json.readValue(rs.getString("points_json"), POINTS)))
                .list();
    }

    public void insertAdjustment(long workspaceId, String specKey, Adjustment adjustment) {
        jdbc.sql(
                        """
                        insert into forecast_adjustments (id, workspace_id, spec_key, forecast_id, segment, time_from,
                            time_to, kind, amount_value, percent, reason, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        adjustment.id(),
                        workspaceId,
                        specKey,
                        adjustment.forecastId(),
                        adjustment.segment(),
                        adjustment.from(),
                        adjustment.to(),
                        adjustment.kind().name(),
                        adjustment.value(),
                        adjustment.percent(),
                        adjustment.reason(),
                        adjustment.createdBy(),
                        now())
                .update();
    }

    /** The adjustments of a spec, oldest first: they apply in that order. */
    public List<Adjustment> adjustments(long workspaceId, String specKey) {
        return jdbc.sql(
                        """
                        select id, forecast_id, segment, time_from, time_to, kind, amount_value, percent, reason,
                            created_by, created_at from forecast_adjustments
                        where workspace_id = ? and spec_key = ? order by created_at, id""")
                .params(workspaceId, specKey)
                .query((rs, i) -> new Adjustment(
                        rs.getObject("id", UUID.class),
                        rs.getObject("forecast_id", UUID.class),
                        rs.getString("segment"),
                        rs.getObject("time_from", LocalDateTime.class),
                        rs.getObject("time_to", LocalDateTime.class),
                        AdjustmentKind.valueOf(rs.getString("kind")),
                        (Double) rs.getObject("amount_value"),
                        (Double) rs.getObject("percent"),
                        rs.getString("reason"),
                        rs.getString("created_by"),
                        instant(rs, "created_at")))
                .list();
    }

    public boolean deleteAdjustment(long workspaceId, String specKey, UUID adjustmentId) {
        return jdbc.sql("delete from forecast_adjustments where workspace_id = ? and spec_key = ? and id = ?")
                        .params(workspaceId, specKey, adjustmentId)
                        .update()
                > 0;
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
