package dev.foresight.workforce;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.shared.CacheEvictions;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import dev.foresight.shared.WorkspaceKeys;
import dev.foresight.workforce.internal.Availability;
import dev.foresight.workforce.internal.ForecastInputs;
import dev.foresight.workforce.internal.PlanCalculator;
import dev.foresight.workforce.internal.Reallocation;
import dev.foresight.workforce.internal.RosterParser;
import dev.foresight.workforce.internal.StaffingCalculator;
import dev.foresight.workforce.internal.WorkforceStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facade of the workforce module: the staffing calculator, rosters, plans and allocations, always within one
 * workspace. A plan's figures are computed from its forecast (with managers' adjustments), roster and allocations
 * when asked for, and kept in the medium cache tier until one of those changes.
 */
@Service
public class Capacity {

    static final String FIGURES_CACHE = "medium.workforce-plans";
    static final String SUMMARY_CACHE = "medium.workforce-summaries";

    private final WorkforceStore store;
    private final ForecastInputs forecasts;
    private final AuditLog audit;
    private final CacheManager caches;

    Capacity(WorkforceStore store, ForecastInputs forecasts, AuditLog audit, CacheManager caches) {
        this.store = store;
        this.forecasts = forecasts;
        this.audit = audit;
        this.caches = caches;
    }

    /** Erlang C (or Erlang A with patience) for one interval; stateless. */
    public Staffing staffing(StaffingRequest request) {
        return StaffingCalculator.calculate(request);
    }

    // Rosters

    @Transactional
    public Roster uploadRoster(
            CurrentWorkspace workspace, @Nullable String name, String fileName, InputStream content) {
        var shifts = RosterParser.parse(fileName, read(content));
        var rosterName = name == null || name.isBlank() ? baseName(fileName) : name.strip();
        if (rosterName.length() > 200) {
            throw new InvalidRequestException("A roster name has at most 200 characters.");
        }
        var roster = store.insertRoster(UUID.randomUUID(), workspace.id(), rosterName, shifts, workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "workforce.roster-uploaded")
                .entity("roster", roster.id())
                .details(Map.of("name", rosterName, "agents", roster.agents(), "shifts", roster.shifts())));
        return roster;
    }

    /** Replaces a roster's shifts with a new upload; its plans are recomputed. */
    @Transactional
    public Roster replaceRoster(CurrentWorkspace workspace, UUID rosterId, String fileName, InputStream content) {
        var before = roster(workspace, rosterId);
        var shifts = RosterParser.parse(fileName, read(content));
        var plans = store.plansOfRoster(workspace.id(), rosterId);
        // Every plan over the roster is computed with the new shifts first, so a roster its plans cannot use
        // (queues their forecasts lack, agents their allocations name) is refused before anything changes.
        for (var planId : plans) {
            var plan = store.plan(workspace.id(), planId).orElseThrow();
            try {
                compute(workspace, plan, shifts, store.allocations(workspace.id(), planId));
            } catch (InvalidRequestException unplannable) {
                throw new InvalidRequestException(
                        HttpStatus.valueOf(unplannable.getStatusCode().value()),
                        "Plan '" + plan.name() + "' uses this roster: "
                                + unplannable.getBody().getDetail());
            }
        }
        store.replaceShifts(workspace.id(), rosterId, shifts);
        plans.forEach(plan -> evict(workspace.id(), plan));
        var after = roster(workspace, rosterId);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "workforce.roster-replaced")
                .entity("roster", rosterId)
                .details(Map.of("agentsBefore", before.agents(), "agents", after.agents(), "shifts", after.shifts())));
        return after;
    }

    public List<Roster> rosters(CurrentWorkspace workspace) {
        return store.rosters(workspace.id());
    }

    public Roster roster(CurrentWorkspace workspace, UUID rosterId) {
        return store.roster(workspace.id(), rosterId)
                .orElseThrow(() -> new ResourceNotFoundException("Roster " + rosterId));
    }

    public RosterDetail rosterDetail(CurrentWorkspace workspace, UUID rosterId, int intervalMinutes) {
        if (intervalMinutes <= 0 || 1440 % intervalMinutes != 0) {
            throw new InvalidRequestException("intervalMinutes must divide a day, such as 15, 30 or 60.");
        }
        var roster = roster(workspace, rosterId);
        var shifts = store.shifts(workspace.id(), rosterId);
        return new RosterDetail(
                roster, shifts, Availability.of(shifts, intervalMinutes).week());
    }

    // Plans

    @Transactional
    public Plan createPlan(CurrentWorkspace workspace, PlanRequest request) {
        if (request.forecastId() == null || request.rosterId() == null) {
            throw new InvalidRequestException("A plan needs a forecastId and a rosterId.");
        }
        if (request.parameters() == null) {
            throw new InvalidRequestException(
                    "A plan needs parameters: at least serviceLevel and answerSeconds (or asaSeconds), and"
                            + " ahtSeconds unless the forecast's dataset has an aht_seconds column.");
        }
        roster(workspace, request.rosterId());
        var name = request.name() == null || request.name().isBlank()
                ? "Plan"
                : request.name().strip();
        if (name.length() > 200) {
            throw new InvalidRequestException("A plan name has at most 200 characters.");
        }
        var id = UUID.randomUUID();
        var draft = new Plan(
                id,
                name,
                request.forecastId(),
                request.rosterId(),
                request.parameters(),
                0,
                workspace.actor(),
                java.time.Instant.now());
        // Computing once refuses what cannot be planned (unknown queues, bad parameters) before it is stored.
        var figures = compute(workspace, draft, List.of());
        store.insertPlan(
                id,
                workspace.id(),
                name,
                request.forecastId(),
                request.rosterId(),
                request.parameters(),
                workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "workforce.plan-created")
                .entity("plan", id)
                .details(Map.of(
                        "forecast", request.forecastId(),
                        "roster", request.rosterId(),
                        "intervalsUnder", figures.kpis().intervalsUnder(),
                        "gapHours", figures.kpis().gapHours())));
        return plan(workspace, id);
    }

    public List<Plan> plans(CurrentWorkspace workspace) {
        return store.plans(workspace.id());
    }

    public Plan plan(CurrentWorkspace workspace, UUID planId) {
        return store.plan(workspace.id(), planId).orElseThrow(() -> new ResourceNotFoundException("Plan " + planId));
    }

    public List<Plan> plansOfForecast(CurrentWorkspace workspace, UUID forecastId) {
        return store.plansOfForecast(workspace.id(), forecastId).stream()
                .map(id -> plan(workspace, id))
                .toList();
    }

    /** The plan per interval and queue, with its KPIs, as its inputs stand now. */
    public PlanFigures figures(CurrentWorkspace workspace, UUID planId) {
        var plan = plan(workspace, planId);
        return cache(FIGURES_CACHE)
                .get(
                        key(workspace.id(), planId),
                        () -> compute(workspace, plan, store.allocations(workspace.id(), planId)));
    }

    /** Day, week, queue and site totals. */
    public PlanSummary summary(CurrentWorkspace workspace, UUID planId) {
        plan(workspace, planId);
        return cache(SUMMARY_CACHE)
                .get(key(workspace.id(), planId), () -> PlanCalculator.summary(figures(workspace, planId)));
    }

    // Allocations

    public List<Allocation> allocations(CurrentWorkspace workspace, UUID planId) {
        plan(workspace, planId);
        return store.allocations(workspace.id(), planId);
    }

    /** The plan as it would be with this allocation added; nothing is saved. */
    public PlanFigures preview(CurrentWorkspace workspace, UUID planId, Allocation allocation) {
        var plan = plan(workspace, planId);
        var saved = store.allocations(workspace.id(), planId);
        var resolved = resolve(workspace, plan, saved, allocation);
        var all = new ArrayList<>(saved);
        all.add(resolved);
        return compute(workspace, plan, all);
    }

    @Transactional
    public Allocation allocate(CurrentWorkspace workspace, UUID planId, Allocation allocation) {
        var plan = plan(workspace, planId);
        var saved = store.allocations(workspace.id(), planId);
        var resolved = resolve(workspace, plan, saved, allocation);
        var all = new ArrayList<>(saved);
        all.add(resolved);
        var before = figures(workspace, planId).kpis();
        var after = compute(workspace, plan, all).kpis();
        var id = UUID.randomUUID();
        store.insertAllocation(id, planId, workspace.id(), resolved, workspace.actor());
        evict(workspace.id(), planId);
        Map<String, Object> details = new HashMap<>();
        details.put("agents", resolved.agents());
        if (resolved.queues() != null) {
            details.put("queues", resolved.queues());
        }
        if (resolved.shiftStart() != null) {
            details.put("shift", resolved.shiftStart() + "-" + resolved.shiftEnd());
        }
        if (resolved.days() != null) {
            details.put("days", resolved.days());
        }
        if (resolved.note() != null) {
            details.put("note", resolved.note());
        }
        details.put("gapHoursBefore", before.gapHours());
        details.put("gapHoursAfter", after.gapHours());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "workforce.allocation-saved")
                .entity("plan", planId)
                .details(details));
        return store.allocations(workspace.id(), planId).stream()
                .filter(a -> id.equals(a.id()))
                .findFirst()
                .orElseThrow();
    }

    @Transactional
    public void deleteAllocation(CurrentWorkspace workspace, UUID planId, UUID allocationId) {
        plan(workspace, planId);
        if (!store.deleteAllocation(workspace.id(), planId, allocationId)) {
            throw new ResourceNotFoundException("Allocation " + allocationId);
        }
        evict(workspace.id(), planId);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "workforce.allocation-removed")
                .entity("plan", planId)
                .details(Map.of("allocation", allocationId)));
    }

    /** Forgets the computed figures of the plans over a forecast whose values changed. */
    public void forecastChanged(long workspaceId, UUID forecastId) {
        store.plansOfForecast(workspaceId, forecastId).forEach(plan -> evict(workspaceId, plan));
    }

    private Allocation resolve(CurrentWorkspace workspace, Plan plan, List<Allocation> saved, Allocation allocation) {
        var inputs = forecasts.read(workspace, plan.forecastId());
        var shifts = Reallocation.apply(store.shifts(workspace.id(), plan.rosterId()), saved);
        var queues =
                inputs.series().stream().map(PlanCalculator.QueueSeries::queue).toList();
        var resolved = Reallocation.resolve(allocation, shifts, queues);
        // Refuses, before anything is saved, an allocation that would put an agent on two shifts at once.
        var all = new ArrayList<>(saved);
        all.add(resolved);
        Reallocation.apply(store.shifts(workspace.id(), plan.rosterId()), all);
        return resolved;
    }

    private PlanFigures compute(CurrentWorkspace workspace, Plan plan, List<Allocation> allocations) {
        return compute(workspace, plan, store.shifts(workspace.id(), plan.rosterId()), allocations);
    }

    private PlanFigures compute(
            CurrentWorkspace workspace, Plan plan, List<RosterShift> rosterShifts, List<Allocation> allocations) {
        var inputs = forecasts.read(workspace, plan.forecastId());
        var shifts = Reallocation.apply(rosterShifts, allocations);
        var withCount = new Plan(
                plan.id(),
                plan.name(),
                plan.forecastId(),
                plan.rosterId(),
                plan.parameters(),
                allocations.size(),
                plan.createdBy(),
                plan.createdAt());
        return PlanCalculator.compute(withCount, inputs.intervalMinutes(), inputs.series(), inputs.aht(), shifts);
    }

    private void evict(long workspaceId, UUID planId) {
        CacheEvictions.evict(cache(FIGURES_CACHE), key(workspaceId, planId));
        CacheEvictions.evict(cache(SUMMARY_CACHE), key(workspaceId, planId));
    }

    private Cache cache(String name) {
        var cache = caches.getCache(name);
        if (cache == null) {
            throw new IllegalStateException("Cache " + name + " is not configured");
        }
        return cache;
    }

    private static String key(long workspaceId, UUID planId) {
        return WorkspaceKeys.key(workspaceId, "plan", planId);
    }

    private static byte[] read(InputStream content) {
        try {
            var bytes = content.readNBytes(RosterParser.MAX_BYTES + 1);
            if (bytes.length > RosterParser.MAX_BYTES) {
                throw new InvalidRequestException("A roster file has at most 5 MB.");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidRequestException("The upload did not arrive whole: " + e.getMessage());
        }
    }

    private static String baseName(String fileName) {
        var name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("\\p{Cntrl}", "")
                .strip();
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        return name.isEmpty() ? "Roster" : name.length() > 200 ? name.substring(0, 200) : name;
    }
}
