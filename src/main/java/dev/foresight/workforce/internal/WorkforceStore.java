package dev.foresight.workforce.internal;

import dev.foresight.workforce.Allocation;
import dev.foresight.workforce.Plan;
import dev.foresight.workforce.PlanParameters;
import dev.foresight.workforce.Roster;
import dev.foresight.workforce.RosterShift;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The rosters, plans and allocations tables. Every read is scoped by workspace. */
@Repository
public class WorkforceStore {

    private static final TypeReference<List<RosterShift>> SHIFTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WorkforceStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The columns a roster row keeps beside its shifts: counts and the queues and sites, one a line. */
    private record Summary(int agents, int shifts, String queues, String sites) {
        static Summary of(List<RosterShift> shifts) {
            var queues = new TreeSet<String>();
            var sites = new TreeSet<String>();
            var agents = new TreeSet<String>();
            for (var s : shifts) {
                queues.addAll(s.queues().keySet());
                sites.add(s.site());
                agents.add(s.agent());
            }
            return new Summary(agents.size(), shifts.size(), String.join("\n", queues), String.join("\n", sites));
        }
    }

    public Roster insertRoster(UUID id, long workspaceId, String name, List<RosterShift> shifts, String actor) {
        var summary = Summary.of(shifts);
        jdbc.sql(
                        """
                        insert into workforce_rosters (id, workspace_id, name, agent_count, shift_count, queues, sites,
                            shifts_json, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        workspaceId,
                        name,
                        summary.agents(),
                        summary.shifts(),
                        summary.queues(),
                        summary.sites(),
                        json.writeValueAsString(shifts),
                        actor,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return roster(workspaceId, id).orElseThrow();
    }

    public void replaceShifts(long workspaceId, UUID id, List<RosterShift> shifts) {
        var summary = Summary.of(shifts);
        jdbc.sql(
                        """
                        update workforce_rosters set agent_count = ?, shift_count = ?, queues = ?, sites = ?,
                            shifts_json = ? where workspace_id = ? and id = ?""")
                .params(
                        summary.agents(),
                        summary.shifts(),
                        summary.queues(),
                        summary.sites(),
                        json.writeValueAsString(shifts),
                        workspaceId,
                        id)
                .update();
    }

    private static final String ROSTER =
            "select id, name, agent_count, shift_count, queues, sites, created_by, created_at from workforce_rosters";

    public List<Roster> rosters(long workspaceId) {
        return jdbc.sql(ROSTER + " where workspace_id = ? order by created_at desc")
                .param(workspaceId)
                .query(WorkforceStore::roster)
                .list();
    }

    public Optional<Roster> roster(long workspaceId, UUID id) {
        return jdbc.sql(ROSTER + " where workspace_id = ? and id = ?")
                .params(workspaceId, id)
                .query(WorkforceStore::roster)
                .optional();
    }

    public List<RosterShift> shifts(long workspaceId, UUID rosterId) {
        return jdbc.sql("select shifts_json from workforce_rosters where workspace_id = ? and id = ?")
                .params(workspaceId, rosterId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, SHIFTS))
                .orElse(List.of());
    }

    private static Roster roster(ResultSet rs, int row) throws SQLException {
        return new Roster(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getInt("agent_count"),
                rs.getInt("shift_count"),
                lines(rs.getString("queues")),
                lines(rs.getString("sites")),
                rs.getString("created_by"),
                instant(rs));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("created_at", OffsetDateTime.class).toInstant();
    }

    public void insertPlan(
            UUID id,
            long workspaceId,
            String name,
            UUID forecastId,
            UUID rosterId,
            PlanParameters parameters,
            String actor) {
        jdbc.sql(
                        """
                        insert into workforce_plans (id, workspace_id, name, forecast_id, roster_id, parameters_json,
                            created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        workspaceId,
                        name,
                        forecastId,
                        rosterId,
                        json.writeValueAsString(parameters),
                        actor,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    private static final String PLAN =
            """
            select p.id, p.name, p.forecast_id, p.roster_id, p.parameters_json, p.created_by, p.created_at,
                (select count(*) from workforce_allocations a where a.plan_id = p.id) as allocations
            from workforce_plans p""";

    public List<Plan> plans(long workspaceId) {
        return jdbc.sql(PLAN + " where p.workspace_id = ? order by p.created_at desc")
                .param(workspaceId)
                .query(this::plan)
                .list();
    }

    public Optional<Plan> plan(long workspaceId, UUID id) {
        return jdbc.sql(PLAN + " where p.workspace_id = ? and p.id = ?")
                .params(workspaceId, id)
                .query(this::plan)
                .optional();
    }

    public List<UUID> plansOfForecast(long workspaceId, UUID forecastId) {
        return jdbc.sql("select id from workforce_plans where workspace_id = ? and forecast_id = ?")
                .params(workspaceId, forecastId)
                .query(UUID.class)
                .list();
    }

    public List<UUID> plansOfRoster(long workspaceId, UUID rosterId) {
        return jdbc.sql("select id from workforce_plans where workspace_id = ? and roster_id = ?")
                .params(workspaceId, rosterId)
                .query(UUID.class)
                .list();
    }

    private Plan plan(ResultSet rs, int row) throws SQLException {
        return new Plan(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("forecast_id", UUID.class),
                rs.getObject("roster_id", UUID.class),
                json.readValue(rs.getString("parameters_json"), PlanParameters.class),
                rs.getInt("allocations"),
                rs.getString("created_by"),
                instant(rs));
    }

    public void insertAllocation(UUID id, UUID planId, long workspaceId, Allocation allocation, String actor) {
        jdbc.sql(
                        """
                        insert into workforce_allocations (id, plan_id, workspace_id, allocation_json, created_by,
                            created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        planId,
                        workspaceId,
                        json.writeValueAsString(allocation),
                        actor,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    public List<Allocation> allocations(long workspaceId, UUID planId) {
        return jdbc.sql(
                        """
                        select id, allocation_json, created_by, created_at from workforce_allocations
                        where workspace_id = ? and plan_id = ? order by seq""")
                .params(workspaceId, planId)
                .query((rs, row) -> {
                    var a = json.readValue(rs.getString("allocation_json"), Allocation.class);
                    return new Allocation(
                            rs.getObject("id", UUID.class),
                            a.agents(),
                            a.fromQueue(),
                            a.toQueue(),
                            a.count(),
                            a.queues(),
                            a.shiftStart(),
                            a.shiftEnd(),
                            a.days(),
                            a.note(),
                            rs.getString("created_by"),
                            instant(rs));
                })
                .list();
    }

    public boolean deleteAllocation(long workspaceId, UUID planId, UUID allocationId) {
        return jdbc.sql("delete from workforce_allocations where workspace_id = ? and plan_id = ? and id = ?")
                        .params(workspaceId, planId, allocationId)
                        .update()
                > 0;
    }
}
