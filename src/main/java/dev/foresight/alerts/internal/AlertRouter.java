package dev.foresight.alerts.internal;

import dev.foresight.alerts.AlertEvent;
import dev.foresight.datasets.DatasetQualityChecked;
import dev.foresight.datasets.Datasets;
import dev.foresight.drift.DriftDetected;
import dev.foresight.drift.DriftSeverity;
import dev.foresight.executions.ExecutionFinished;
import dev.foresight.executions.ExecutionStatus;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into alerts: every enabled rule of the workspace that matches adds one alert to its
 * group. Listeners run after the publisher's commit from the durable event log, so an event is not lost to a crash;
 * a re-delivered event adds an alert with the same fingerprint, which the repeat interval keeps quiet.
 */
@Component
class AlertRouter {

    private final RuleStore rules;
    private final AlertGroups groups;
    private final Workspaces workspaces;
    private final Datasets datasets;

    AlertRouter(RuleStore rules, AlertGroups groups, Workspaces workspaces, Datasets datasets) {
        this.rules = rules;
        this.groups = groups;
        this.workspaces = workspaces;
        this.datasets = datasets;
    }

    @ApplicationModuleListener
    void on(DriftDetected drift) {
        for (var rule : rules.enabled(drift.workspaceId(), AlertEvent.DRIFT)) {
            var minimum = rule.minSeverity() == null
                    ? DriftSeverity.LOW
                    : DriftSeverity.valueOf(rule.minSeverity().toUpperCase(Locale.ROOT));
            if (!drift.severity().atLeast(minimum)
                    || (rule.monitorId() != null && !rule.monitorId().equals(drift.monitorId()))
                    || (rule.segment() != null && !rule.segment().equalsIgnoreCase(drift.segment()))) {
                continue;
            }
            var fields = new LinkedHashMap<String, String>();
            fields.put("workspace", drift.workspace());
            fields.put("monitor", drift.monitorName());
            fields.put("monitorId", drift.monitorId().toString());
            fields.put("runId", drift.runId().toString());
            fields.put("datasetId", drift.datasetId().toString());
            fields.put("segment", drift.segment());
            fields.put("metric", drift.metric());
            fields.put("test", drift.test());
            fields.put("statistic", String.format(Locale.ROOT, "%.4g", drift.statistic()));
            fields.put("pValue", drift.pValue() == null ? "" : String.format(Locale.ROOT, "%.3g", drift.pValue()));
            fields.put("threshold", String.format(Locale.ROOT, "%.4g", drift.threshold()));
            fields.put("severity", drift.severity().name().toLowerCase(Locale.ROOT));
            fields.put("baseline", drift.baseline());
            fields.put("current", drift.current());
            fields.put("name", drift.segment());
            fields.put(
                    "line",
                    drift.segment() + " · " + drift.metric() + ": " + drift.baseline() + " → " + drift.current() + " ("
                            + fields.get("severity") + ")");
            groups.add(
                    drift.workspaceId(),
                    rule,
                    "monitor:" + drift.monitorId(),
                    drift.monitorId() + "|" + drift.segment() + "|" + drift.metric(),
                    fields);
        }
    }

    @ApplicationModuleListener
    void on(DatasetQualityChecked checked) {
        double percent = checked.rejectRate() * 100;
        for (var rule : rules.enabled(checked.workspaceId(), AlertEvent.QUALITY)) {
            double minimum = rule.minRejectRate() == null ? 5 : rule.minRejectRate();
            if (percent < minimum
                    || (rule.datasetId() != null && !rule.datasetId().equals(checked.datasetId()))) {
                continue;
            }
            var name = datasetName(checked);
            var fields = new LinkedHashMap<String, String>();
            fields.put("workspace", checked.workspace());
            fields.put("dataset", name);
            fields.put("datasetId", checked.datasetId().toString());
            fields.put("versionId", checked.versionId().toString());
            fields.put("rowsRead", String.valueOf(checked.rowsRead()));
            fields.put("rowsRejected", String.valueOf(checked.rowsRejected()));
            fields.put("rejectRate", String.format(Locale.ROOT, "%.1f %%", percent));
            fields.put("name", name);
            fields.put(
                    "line",
                    name + ": " + fields.get("rejectRate") + " of " + checked.rowsRead() + " rows rejected (threshold "
                            + String.format(Locale.ROOT, "%.1f %%", minimum) + ")");
            groups.add(
                    checked.workspaceId(),
                    rule,
                    "dataset:" + checked.datasetId(),
                    "quality|" + checked.versionId(),
                    fields);
        }
    }

    @ApplicationModuleListener
    void on(ExecutionFinished finished) {
        if (finished.status() != ExecutionStatus.FAILED || finished.workspace() == null) {
            return;
        }
        var workspace = workspaces.findBySlug(finished.workspace()).orElse(null);
        if (workspace == null) {
            return;
        }
        for (var rule : rules.enabled(workspace.id(), AlertEvent.EXECUTION_FAILED)) {
            var fields = new LinkedHashMap<String, String>();
            fields.put("workspace", workspace.slug());
            fields.put("executionId", finished.executionId().toString());
            fields.put("type", finished.type());
            fields.put("startedBy", finished.startedBy());
            fields.put("error", finished.error() == null ? "" : finished.error());
            fields.put("name", finished.type());
            fields.put(
                    "line",
                    finished.type() + " started by " + finished.startedBy() + " failed"
                            + (finished.error() == null ? "" : ": " + finished.error()));
            groups.add(
                    workspace.id(),
                    rule,
                    "execution:" + finished.type(),
                    "execution|" + finished.executionId(),
                    Map.copyOf(fields));
        }
    }

    private String datasetName(DatasetQualityChecked checked) {
        try {
            var workspace = new CurrentWorkspace(
                    checked.workspaceId(), checked.workspace(), checked.workspace(), WorkspaceRole.ADMIN, "system");
            return datasets.get(workspace, checked.datasetId()).name();
        } catch (RuntimeException gone) {
            return "dataset " + checked.datasetId();
        }
    }
}
