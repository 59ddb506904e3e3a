package dev.foresight.dashboards.internal;

import dev.foresight.dashboards.Dashboard;
import dev.foresight.dashboards.Widget;
import dev.foresight.datasets.query.QuerySpec;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The dashboards table: filters and widgets as JSON; every save is conditional on the version it started from. */
@Component
public class DashboardStore {

    private static final TypeReference<List<QuerySpec.Filter>> FILTERS = new TypeReference<>() {};
    private static final TypeReference<List<Widget>> WIDGETS = new TypeReference<>() {};

    /** Every dashboard with whether it is its workspace's home. */
    private static final String SELECT =
            """
            select d.*, h.dashboard_id is not null as home from dashboards d
            left join dashboard_homes h on h.workspace_id = d.workspace_id and h.dashboard_id = d.id""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DashboardStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(
            long workspaceId,
            UUID id,
            String name,
            List<QuerySpec.Filter> filters,
            List<Widget> widgets,
            @Nullable String demoKey,
            String actor) {
        var now = Timestamp.from(Instant.now());
        jdbc.sql(
                        """
                        insert into dashboards (id, workspace_id, name, filters_json, widgets_json, version, demo_key,
                                                created_by, created_at, updated_by, updated_at)
                        values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        workspaceId,
                        name,
                        json.writeValueAsString(filters),
                        json.writeValueAsString(widgets),
                        demoKey,
                        actor,
                        now,
                        actor,
                        now)
                .update();
    }

    /** Saves over {@code version}; false when someone else saved first. */
    public boolean update(
            long workspaceId,
            UUID id,
            int version,
            String name,
            List<QuerySpec.Filter> filters,
            List<Widget> widgets,
            String actor) {
        return jdbc.sql(
                                """
                        update dashboards set name = ?, filters_json = ?, widgets_json = ?, version = version + 1,
                                              updated_by = ?, updated_at = ?
                        where id = ? and workspace_id = ? and version = ?""")
                        .params(
                                name,
                                json.writeValueAsString(filters),
                                json.writeValueAsString(widgets),
                                actor,
                                Timestamp.from(Instant.now()),
                                id,
                                workspaceId,
                                version)
                        .update()
                == 1;
    }

    public boolean delete(long workspaceId, UUID id) {
        return jdbc.sql("delete from dashboards where id = ? and workspace_id = ?")
                        .params(id, workspaceId)
                        .update()
                == 1;
    }

    public Optional<Dashboard> find(long workspaceId, UUID id) {
        return jdbc.sql(SELECT + " where d.id = ? and d.workspace_id = ?")
                .params(id, workspaceId)
                .query(this::map)
                .optional();
    }

    public List<Dashboard> list(long workspaceId) {
        return jdbc.sql(SELECT + " where d.workspace_id = ? order by d.created_at, d.name")
                .param(workspaceId)
                .query(this::map)
                .list();
    }

    /** The workspace's home dashboard, if someone chose one. */
    public Optional<Dashboard> home(long workspaceId) {
        return jdbc.sql(SELECT + " where d.workspace_id = ? and h.dashboard_id is not null")
                .param(workspaceId)
                .query(this::map)
                .optional();
    }

    /** Makes a dashboard its workspace's home, in place of the one before. */
    public void setHome(long workspaceId, UUID id) {
        // Insert when there is none, then point it at this dashboard: two managers choosing at once both succeed (the
        // later wins). A failed insert would end the transaction on PostgreSQL; "on conflict do nothing" waits for
        // the other's row instead.
        jdbc.sql("insert into dashboard_homes (workspace_id, dashboard_id) values (?, ?) on conflict do nothing")
                .params(workspaceId, id)
                .update();
        jdbc.sql("update dashboard_homes set dashboard_id = ? where workspace_id = ?")
                .params(id, workspaceId)
                .update();
    }

    /** The workspace opens on no dashboard again, when this one was its home. */
    public boolean clearHome(long workspaceId, UUID id) {
        return jdbc.sql("delete from dashboard_homes where workspace_id = ? and dashboard_id = ?")
                        .params(workspaceId, id)
                        .update()
                == 1;
    }

    public Optional<UUID> findDemo(long workspaceId, String demoKey) {
        return jdbc.sql("select id from dashboards where workspace_id = ? and demo_key = ?")
                .params(workspaceId, demoKey)
                .query(UUID.class)
                .optional();
    }

    private Dashboard map(ResultSet rs, int row) throws SQLException {
        return new Dashboard(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                json.readValue(rs.getString("filters_json"), FILTERS),
                json.readValue(rs.getString("widgets_json"), WIDGETS),
                rs.getInt("version"),
                rs.getString("created_by"),
                rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getBoolean("home"));
    }
}
