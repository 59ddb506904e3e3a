package dev.foresight.insights.internal;

import dev.foresight.datasets.Datasets;
import dev.foresight.executions.Executions;
import dev.foresight.insights.DatasetProfile;
import dev.foresight.shared.CurrentWorkspace;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Starts insight runs and hands out profiles, computing one on first request for versions processed before. */
@Component
public class InsightWork {

    private final Datasets datasets;
    private final Executions executions;
    private final InsightStore store;
    private final Profiler profiler;

    InsightWork(Datasets datasets, Executions executions, InsightStore store, Profiler profiler) {
        this.datasets = datasets;
        this.executions = executions;
        this.store = store;
        this.profiler = profiler;
    }

    @Transactional
    public UUID submit(CurrentWorkspace workspace, UUID datasetId, UUID versionId) {
        var executionId = executions.submit(
                workspace,
                GenerateInsightsJob.EXECUTION_TYPE,
                workspace.actor(),
                id -> new GenerateInsightsJob.Request(id, workspace.id(), workspace.slug(), datasetId, versionId));
        store.insertRun(executionId, workspace.id(), datasetId, versionId, workspace.actor());
        return executionId;
    }

    public DatasetProfile profile(CurrentWorkspace workspace, UUID datasetId, @Nullable UUID versionId) {
        var version = versionId != null
                ? datasets.version(workspace, datasetId, versionId).id()
                : datasets.get(workspace, datasetId).currentVersionId();
        if (version != null) {
            var stored = store.profile(workspace.id(), datasetId, version);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        // Datasets.scan refuses a version that is not processed yet, with a message that says so.
        var profile = datasets.scan(workspace, datasetId, version, profiler::profile);
        store.saveProfile(workspace.id(), profile);
        return profile;
    }
}
