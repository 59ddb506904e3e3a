package dev.foresight.dashboards.web;

import dev.foresight.dashboards.Dashboard;
import dev.foresight.dashboards.DashboardDraft;
import dev.foresight.dashboards.Dashboards;
import dev.foresight.dashboards.KpiFigure;
import dev.foresight.dashboards.WidgetData;
import dev.foresight.dashboards.internal.DashboardLive;
import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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

@Tag(name = "Dashboards", description = "Dashboards, their widgets and the widgets' data")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/dashboards")
class DashboardRestController {

    private final Dashboards dashboards;
    private final DashboardLive live;
    private final WidgetDownloads downloads;

    DashboardRestController(Dashboards dashboards, DashboardLive live, WidgetDownloads downloads) {
        this.dashboards = dashboards;
        this.live = live;
        this.downloads = downloads;
    }

    @Operation(summary = "Lists the workspace's dashboards")
    @GetMapping
    List<Dashboard> list(CurrentWorkspace workspace) {
        return dashboards.list(workspace);
    }

    @Operation(summary = "Creates a dashboard: {name, filters, widgets}")
    @PostMapping
    ResponseEntity<Dashboard> create(CurrentWorkspace workspace, @RequestBody DashboardDraft draft) {
        return ResponseEntity.status(HttpStatus.CREATED).body(dashboards.create(workspace, draft));
    }

    @Operation(summary = "One dashboard with its filters, widgets and version")
    @GetMapping("/{id}")
    Dashboard get(CurrentWorkspace workspace, @PathVariable UUID id) {
        return dashboards.get(workspace, id);
    }

    @Operation(
            summary = "Saves a dashboard over the version it started from",
            description = "409 with currentVersion when someone saved in between; nothing is overwritten.")
    @PutMapping("/{id}")
    Dashboard save(CurrentWorkspace workspace, @PathVariable UUID id, @RequestBody DashboardDraft draft) {
        return dashboards.save(workspace, id, draft);
    }

    @Operation(
            summary = "Makes a dashboard the one the workspace's home page opens on",
            description = "Replaces the workspace's home dashboard, if it had one; the dashboard's version stays.")
    @PutMapping("/{id}/home")
    Dashboard makeHome(CurrentWorkspace workspace, @PathVariable UUID id) {
        return dashboards.makeHome(workspace, id);
    }

    @Operation(summary = "The workspace's home page opens on no dashboard any more, when this one was it")
    @DeleteMapping("/{id}/home")
    ResponseEntity<Void> clearHome(CurrentWorkspace workspace, @PathVariable UUID id) {
        dashboards.clearHome(workspace, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Deletes a dashboard")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentWorkspace workspace, @PathVariable UUID id) {
        dashboards.delete(workspace, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Copies a dashboard under a new name")
    @PostMapping("/{id}/duplicate")
    ResponseEntity<Dashboard> duplicate(CurrentWorkspace workspace, @PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(dashboards.duplicate(workspace, id));
    }

    @Operation(summary = "Adds one widget {type, title, query, layout} to a dashboard (Pin to dashboard)")
    @PostMapping("/{id}/widgets")
    ResponseEntity<Dashboard> addWidget(
            CurrentWorkspace workspace, @PathVariable UUID id, @RequestBody DashboardDraft.WidgetDraft widget) {
        return ResponseEntity.status(HttpStatus.CREATED).body(dashboards.addWidget(workspace, id, widget));
    }

    @Operation(
            summary = "A widget's rows with the dashboard's filters applied",
            description = "filters (a JSON array) replaces the saved filters for this view only, as a viewer does."
                    + " Over time, unfinished {from, to} names the last period when the data stops before its end.")
    @GetMapping("/{id}/widgets/{widgetId}/data")
    WidgetData data(
            CurrentWorkspace workspace,
            @PathVariable UUID id,
            @PathVariable String widgetId,
            @RequestParam(required = false) @Nullable String filters) {
        return dashboards.widgetData(workspace, id, widgetId, downloads.viewFilters(filters));
    }

    @Operation(
            summary = "A KPI widget's figure and its change, like with like",
            description = "The period the data ends in, so far, against the same span of the period before "
                    + "(a finished period against the whole one before); filters as for data.")
    @GetMapping("/{id}/widgets/{widgetId}/kpi")
    KpiFigure kpi(
            CurrentWorkspace workspace,
            @PathVariable UUID id,
            @PathVariable String widgetId,
            @RequestParam(required = false) @Nullable String filters) {
        return dashboards.kpi(workspace, id, widgetId, downloads.viewFilters(filters));
    }

    @Operation(summary = "A widget's rows as CSV, with the dashboard's filters applied")
    @GetMapping("/{id}/widgets/{widgetId}/data.csv")
    void csv(
            CurrentWorkspace workspace,
            @PathVariable UUID id,
            @PathVariable String widgetId,
            @RequestParam(required = false) @Nullable String filters,
            HttpServletResponse response)
            throws IOException {
        var result = dashboards.widgetRows(workspace, id, widgetId, downloads.viewFilters(filters));
        downloads.csv(widgetId, result, response);
    }

    @Operation(summary = "Who is viewing the dashboard now")
    @GetMapping("/{id}/viewers")
    Map<String, List<String>> viewers(CurrentWorkspace workspace, @PathVariable UUID id) {
        dashboards.get(workspace, id);
        return Map.of("viewers", live.viewers(workspace.slug(), id));
    }
}
