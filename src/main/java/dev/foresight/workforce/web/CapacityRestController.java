package dev.foresight.workforce.web;

import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.workforce.Allocation;
import dev.foresight.workforce.Capacity;
import dev.foresight.workforce.Plan;
import dev.foresight.workforce.PlanFigures;
import dev.foresight.workforce.PlanInterval;
import dev.foresight.workforce.PlanRequest;
import dev.foresight.workforce.PlanSummary;
import dev.foresight.workforce.Roster;
import dev.foresight.workforce.RosterDetail;
import dev.foresight.workforce.Staffing;
import dev.foresight.workforce.StaffingRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Capacity", description = "Erlang C staffing, rosters, plans and allocations")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/capacity")
class CapacityRestController {

    private final Capacity capacity;

    CapacityRestController(Capacity capacity) {
        this.capacity = capacity;
    }

    @Operation(
            summary = "Staff for one interval with Erlang C (or Erlang A when patienceSeconds is given): raw agents,"
                    + " agents after shrinkage, expected service level, occupancy and ASA. Stateless; for managers, like every"
                    + " write")
    @PostMapping("/erlang-c")
    Staffing erlangC(CurrentWorkspace workspace, @RequestBody StaffingRequest request) {
        return capacity.staffing(request);
    }

    @Operation(
            summary = "Uploads a roster (CSV or XLSX: agent, site or team, queues, shift_start, shift_end, days);"
                    + " every line is checked before anything is stored")
    @PostMapping(value = "/rosters", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Roster> upload(
            CurrentWorkspace workspace,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String name)
            throws IOException {
        try (var content = file.getInputStream()) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(capacity.uploadRoster(workspace, name, fileName(file), content));
        }
    }

    @Operation(summary = "Replaces a roster's shifts with a new upload; its plans are recomputed")
    @PutMapping(value = "/rosters/{rosterId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Roster replace(CurrentWorkspace workspace, @PathVariable UUID rosterId, @RequestParam("file") MultipartFile file)
            throws IOException {
        try (var content = file.getInputStream()) {
            return capacity.replaceRoster(workspace, rosterId, fileName(file), content);
        }
    }

    @Operation(summary = "The workspace's rosters")
    @GetMapping("/rosters")
    List<Roster> rosters(CurrentWorkspace workspace) {
        return capacity.rosters(workspace);
    }

    @Operation(summary = "One roster with its shifts and the agents available per interval of the week")
    @GetMapping("/rosters/{rosterId}")
    RosterDetail roster(
            CurrentWorkspace workspace,
            @PathVariable UUID rosterId,
            @RequestParam(defaultValue = "30") int intervalMinutes) {
        return capacity.rosterDetail(workspace, rosterId, intervalMinutes);
    }

    @Operation(
            summary = "Creates a plan from a forecast, a roster and staffing parameters; refused when the roster names"
                    + " queues the forecast lacks")
    @PostMapping("/plans")
    ResponseEntity<Plan> createPlan(CurrentWorkspace workspace, @RequestBody PlanRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(capacity.createPlan(workspace, request));
    }

    @Operation(summary = "The workspace's plans")
    @GetMapping("/plans")
    List<Plan> plans(CurrentWorkspace workspace) {
        return capacity.plans(workspace);
    }

    @Operation(
            summary = "A plan per interval and queue (required, available, gap, expected service level) with its KPIs;"
                    + " filter by queue, site or date")
    @GetMapping("/plans/{planId}")
    PlanFigures plan(
            CurrentWorkspace workspace,
            @PathVariable UUID planId,
            @RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable String site,
            @RequestParam(required = false) @Nullable LocalDate date) {
        return filtered(capacity.figures(workspace, planId), queue, site, date);
    }

    static PlanFigures filtered(
            PlanFigures figures, @Nullable String queue, @Nullable String site, @Nullable LocalDate date) {
        if (queue == null && site == null && date == null) {
            return figures;
        }
        if (queue != null && !figures.queues().contains(queue)) {
            throw new InvalidRequestException(
                    "The plan has no queue '" + queue + "'; its queues are " + figures.queues() + ".");
        }
        if (site != null && !figures.sites().contains(site)) {
            throw new InvalidRequestException(
                    "The plan has no site '" + site + "'; its sites are " + figures.sites() + ".");
        }
        List<PlanInterval> intervals = figures.intervals().stream()
                .filter(i -> queue == null || i.queue().equals(queue))
                .filter(i -> date == null || i.time().toLocalDate().equals(date))
                .filter(i -> site == null || i.availableBySite().containsKey(site))
                .toList();
        return new PlanFigures(
                figures.plan(),
                figures.intervalMinutes(),
                figures.queues(),
                figures.sites(),
                intervals,
                dev.foresight.workforce.internal.PlanCalculator.kpis(intervals, figures.intervalMinutes()));
    }

    @Operation(summary = "A plan's totals per day, week (from Monday), queue and site, with its KPIs")
    @GetMapping("/plans/{planId}/summary")
    PlanSummary summary(CurrentWorkspace workspace, @PathVariable UUID planId) {
        return capacity.summary(workspace, planId);
    }

    @Operation(summary = "A plan's saved allocations, in the order they apply")
    @GetMapping("/plans/{planId}/allocations")
    List<Allocation> allocations(CurrentWorkspace workspace, @PathVariable UUID planId) {
        return capacity.allocations(workspace, planId);
    }

    @Operation(
            summary = "Moves agents between queues or shifts. With preview=true answers the recomputed plan and saves"
                    + " nothing; otherwise saves the allocation (audited) and answers it")
    @PostMapping("/plans/{planId}/allocations")
    ResponseEntity<?> allocate(
            CurrentWorkspace workspace,
            @PathVariable UUID planId,
            @RequestParam(defaultValue = "false") boolean preview,
            @RequestBody Allocation allocation) {
        if (preview) {
            return ResponseEntity.ok(capacity.preview(workspace, planId, allocation));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(capacity.allocate(workspace, planId, allocation));
    }

    @Operation(summary = "Removes a saved allocation (audited); the plan is recomputed without it")
    @DeleteMapping("/plans/{planId}/allocations/{allocationId}")
    ResponseEntity<Void> removeAllocation(
            CurrentWorkspace workspace, @PathVariable UUID planId, @PathVariable UUID allocationId) {
        capacity.deleteAllocation(workspace, planId, allocationId);
        return ResponseEntity.noContent().build();
    }

    private static String fileName(MultipartFile file) {
        return file.getOriginalFilename() == null ? "roster.csv" : file.getOriginalFilename();
    }
}
