package dev.foresight.drift;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.datasets.Dataset;
import dev.foresight.datasets.Datasets;
import dev.foresight.drift.internal.DriftAnalysis;
import dev.foresight.drift.internal.DriftRunJob;
import dev.foresight.drift.internal.DriftSchedules;
import dev.foresight.drift.internal.DriftStore;
import dev.foresight.drift.internal.MonitorRules;
import dev.foresight.executions.Executions;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The facade of the drift module: monitors, their runs and results, always within one workspace. */
@Service
public class DriftMonitors {

    private final DriftStore store;
    private final Datasets datasets;
    private final Executions executions;
    private final DriftSchedules schedules;
    private final AuditLog audit;

    DriftMonitors(
            DriftStore store, Datasets datasets, Executions executions, DriftSchedules schedules, AuditLog audit) {
        this.store = store;
        this.datasets = datasets;
        this.executions = executions;
        this.schedules = schedules;
        this.audit = audit;
    }

    public List<DriftMonitor> list(CurrentWorkspace workspace) {
        var names = new java.util.HashMap<UUID, String>();
        datasets.list(workspace).forEach(d -> names.put(d.id(), d.name()));
        return store.monitors(workspace.id()).stream()
                .map(row -> store.view(row, names.getOrDefault(row.datasetId(), "(deleted dataset)")))
                .toList();
    }

    public DriftMonitor get(CurrentWorkspace workspace, UUID id) {
        var row = row(workspace, id);
        return store.view(row, datasetName(workspace, row.datasetId()));
    }

    /** Saves a monitor after checking it against the dataset's current schema. */
    @Transactional
    public DriftMonitor create(CurrentWorkspace workspace, MonitorDefinition definition) {
        var normalised = normalise(definition);
        var dataset = checked(workspace, normalised);
        var id = UUID.randomUUID();
        store.insertMonitor(id, workspace.id(), workspace.slug(), dataset.id(), normalised, workspace.actor());
        schedules.apply(id, normalised.schedule());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "drift.monitor-created")
                .entity("drift-monitor", id)
                .details(Map.of("name", normalised.name(), "dataset", dataset.id())));
        return get(workspace, id);
    }

    @Transactional
    public DriftMonitor update(CurrentWorkspace workspace, UUID id, MonitorDefinition definition) {
        row(workspace, id);
        var normalised = normalise(definition);
        var dataset = checked(workspace, normalised);
        store.updateMonitor(id, dataset.id(), normalised);
        schedules.apply(id, normalised.schedule());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "drift.monitor-changed")
                .entity("drift-monitor", id)
                .details(Map.of("name", normalised.name())));
        return get(workspace, id);
    }

    /** Deletes a monitor with its runs and ends its schedule. */
    @Transactional
    public void delete(CurrentWorkspace workspace, UUID id) {
        var row = row(workspace, id);
        store.deleteMonitor(id);
        schedules.remove(id);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "drift.monitor-deleted")
                .entity("drift-monitor", id)
                .details(Map.of("name", row.name())));
    }

    /** Queues a run over the dataset's current version. */
    @Transactional
    public RunStarted startRun(CurrentWorkspace workspace, UUID id) {
        var row = row(workspace, id);
        var started = queue(workspace, row, "MANUAL", null);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "drift.run-started")
                .entity("drift-run", started.runId())
                .details(Map.of("monitor", id)));
        return started;
    }

    public List<DriftRun> runs(CurrentWorkspace workspace, UUID monitorId) {
        row(workspace, monitorId);
        return store.runs(workspace.id(), monitorId, 100);
    }

    public DriftRun run(CurrentWorkspace workspace, UUID runId) {
        return store.run(workspace.id(), runId, true).orElseThrow(() -> new ResourceNotFoundException("Run " + runId));
    }

    /** One segment × metric over the monitor's past runs, oldest first. */
    public List<DriftStore.TimelinePoint> timeline(
            CurrentWorkspace workspace, UUID monitorId, String segment, String metric) {
        row(workspace, monitorId);
        return store.timeline(workspace.id(), monitorId, segment, metric, 100);
    }

    /** A new version of a dataset: a run of each of its monitors over that version. */
    @Transactional
    public void startVersionRuns(String slug, long workspaceId, UUID datasetId, UUID versionId) {
        var workspace = system(workspaceId, slug);
        for (var monitor : store.monitorsOfDataset(workspaceId, datasetId)) {
            queue(workspace, monitor, "VERSION", versionId);
        }
    }

    /** The recurring job of a monitor fired; a monitor deleted meanwhile ends its schedule. */
    @Transactional
    public void startScheduledRun(UUID monitorId) {
        var monitor = store.monitor(monitorId).orElse(null);
        if (monitor == null) {
            schedules.remove(monitorId);
            return;
        }
        queue(system(monitor.workspaceId(), monitor.workspaceSlug()), monitor, "SCHEDULE", null);
    }

    /** Demo seeding: creates the monitor once per dataset and name; answers whether it did. */
    @Transactional
    public boolean createIfAbsent(CurrentWorkspace workspace, UUID datasetId, MonitorDefinition definition) {
        var name = definition.name() == null ? "" : definition.name();
        if (store.exists(workspace.id(), datasetId, name)) {
            return false;
        }
        create(workspace, definition);
        return true;
    }

    private RunStarted queue(
            CurrentWorkspace workspace, DriftStore.MonitorRow monitor, String trigger, @Nullable UUID versionId) {
        var runId = UUID.randomUUID();
        store.insertRun(runId, monitor.id(), monitor.workspaceId(), trigger, versionId, workspace.actor());
        var executionId = executions.submit(
                workspace, DriftRunJob.EXECUTION_TYPE, workspace.actor(), id -> new DriftRunJob.Request(id, runId));
        store.setExecution(runId, executionId);
        return new RunStarted(runId, executionId);
    }

    private Dataset checked(CurrentWorkspace workspace, MonitorDefinition definition) {
        MonitorRules.check(definition);
        var dataset = dataset(workspace, definition.dataset());
        if (definition.baselineVersion() != null) {
            datasets.version(workspace, dataset.id(), definition.baselineVersion());
        }
        datasets.scan(workspace, dataset.id(), null, scan -> {
            DriftAnalysis.check(definition, scan);
            return null;
        });
        return dataset;
    }

    private Dataset dataset(CurrentWorkspace workspace, @Nullable String reference) {
        var text = reference == null ? "" : reference.strip();
        try {
            var id = UUID.fromString(text);
            return datasets.list(workspace).stream()
                    .filter(d -> d.id().equals(id))
                    .findFirst()
                    .orElseThrow(
                            () -> new InvalidRequestException("There is no dataset " + id + " in this workspace."));
        } catch (IllegalArgumentException notAnId) {
            var named = datasets.list(workspace).stream()
                    .filter(d -> d.name().equals(text))
                    .toList();
            if (named.size() != 1) {
                throw new InvalidRequestException(
                        named.isEmpty()
                                ? "There is no dataset named '" + text + "' in this workspace."
                                : "Several datasets are named '" + text + "'; give the dataset's id.");
            }
            return named.getFirst();
        }
    }

    private static MonitorDefinition normalise(MonitorDefinition d) {
        return new MonitorDefinition(
                d.name() == null ? null : d.name().strip(),
                d.dataset(),
                blankToNull(d.timeColumn()),
                d.segmentColumns(),
                d.metricList(),
                blankToNull(d.baselineWindow()),
                blankToNull(d.currentWindow()),
                d.baselineVersion(),
                blankToNull(d.schedule()),
                d.falseDiscoveryRate());
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private DriftStore.MonitorRow row(CurrentWorkspace workspace, UUID id) {
        return store.monitor(workspace.id(), id).orElseThrow(() -> new ResourceNotFoundException("Monitor " + id));
    }

    private String datasetName(CurrentWorkspace workspace, UUID datasetId) {
        try {
            return datasets.get(workspace, datasetId).name();
        } catch (ResourceNotFoundException gone) {
            return "(deleted dataset)";
        }
    }

    private static CurrentWorkspace system(long workspaceId, String slug) {
        return new CurrentWorkspace(workspaceId, slug, slug, WorkspaceRole.ADMIN, "system");
    }
}
