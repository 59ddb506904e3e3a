package dev.foresight.drift.web;

import dev.foresight.drift.DriftMonitor;
import dev.foresight.drift.DriftMonitors;
import dev.foresight.drift.DriftRun;
import dev.foresight.drift.MonitorDefinition;
import dev.foresight.drift.RunStarted;
import dev.foresight.drift.internal.DriftStore;
import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Drift", description = "Drift monitors per segment and metric, their runs and results")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/drift")
class DriftRestController {

    private final DriftMonitors monitors;

    DriftRestController(DriftMonitors monitors) {
        this.monitors = monitors;
    }

    @Operation(summary = "The workspace's drift monitors with their last run")
    @GetMapping("/monitors")
    List<DriftMonitor> list(CurrentWorkspace workspace) {
        return monitors.list(workspace);
    }

    @Operation(
            summary = "Creates a monitor: dataset, timeColumn, segments, metrics (numeric, categorical, rate, volume),"
                    + " baselineWindow and currentWindow as ISO-8601 durations (or a baselineVersion), schedule (cron)")
    @PostMapping("/monitors")
    @ResponseStatus(HttpStatus.CREATED)
    DriftMonitor create(CurrentWorkspace workspace, @RequestBody MonitorDefinition definition) {
        return monitors.create(workspace, definition);
    }

    @Operation(summary = "One monitor")
    @GetMapping("/monitors/{monitorId}")
    DriftMonitor get(CurrentWorkspace workspace, @PathVariable UUID monitorId) {
        return monitors.get(workspace, monitorId);
    }

    @Operation(summary = "Replaces a monitor's definition; its schedule follows")
    @PutMapping("/monitors/{monitorId}")
    DriftMonitor update(
            CurrentWorkspace workspace, @PathVariable UUID monitorId, @RequestBody MonitorDefinition definition) {
        return monitors.update(workspace, monitorId, definition);
    }

    @Operation(summary = "Deletes a monitor with its runs and schedule")
    @DeleteMapping("/monitors/{monitorId}")
    ResponseEntity<Void> delete(CurrentWorkspace workspace, @PathVariable UUID monitorId) {
        monitors.delete(workspace, monitorId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Runs a monitor over the dataset's current version as an execution; answers 202")
    @PostMapping("/monitors/{monitorId}/runs")
    ResponseEntity<RunStarted> run(CurrentWorkspace workspace, @PathVariable UUID monitorId) {
        return ResponseEntity.accepted().body(monitors.startRun(workspace, monitorId));
    }

    @Operation(summary = "A monitor's runs, newest first")
    @GetMapping("/monitors/{monitorId}/runs")
    List<DriftRun> runs(CurrentWorkspace workspace, @PathVariable UUID monitorId) {
        return monitors.runs(workspace, monitorId);
    }

    @Operation(summary = "One segment × metric over a monitor's past runs, oldest first")
    @GetMapping("/monitors/{monitorId}/timeline")
    List<DriftStore.TimelinePoint> timeline(
            CurrentWorkspace workspace,
            @PathVariable UUID monitorId,
            @RequestParam String segment,
            @RequestParam String metric) {
        return monitors.timeline(workspace, monitorId, segment, metric);
    }

    @Operation(
            summary = "A run with its status and per segment × metric: test, statistic, p-value, threshold, drifted,"
                    + " severity and the baseline and current summaries")
    @GetMapping("/runs/{runId}")
    DriftRun runDetail(CurrentWorkspace workspace, @PathVariable UUID runId) {
        return monitors.run(workspace, runId);
    }
}
