package dev.foresight.insights;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.datasets.Datasets;
import dev.foresight.insights.internal.InsightStore;
import dev.foresight.insights.internal.InsightWork;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The facade of insights: profiles of versions, the insights of datasets and of the workspace, and new runs. */
@Service
public class Insights {

    private final Datasets datasets;
    private final InsightStore store;
    private final InsightWork work;
    private final AuditLog audit;

    Insights(Datasets datasets, InsightStore store, InsightWork work, AuditLog audit) {
        this.datasets = datasets;
        this.store = store;
        this.work = work;
        this.audit = audit;
    }

    /** The profile of a processed version ({@code null}: the current one). */
    public DatasetProfile profile(CurrentWorkspace workspace, UUID datasetId, @Nullable UUID versionId) {
        return work.profile(workspace, datasetId, versionId);
    }

    /** The dataset's insights from its latest run, best first. */
    public List<Insight> list(CurrentWorkspace workspace, UUID datasetId) {
        datasets.get(workspace, datasetId);
        return store.list(workspace.id(), datasetId);
    }

    /** The workspace's best insights: the top five of each dataset, newest runs first. */
    public List<Insight> feed(CurrentWorkspace workspace, int limit) {
        return store.feed(workspace.id(), 5, Math.clamp(limit, 1, 200));
    }

    /** Every insight of the workspace, for its insights page. */
    public List<Insight> all(CurrentWorkspace workspace) {
        return store.feed(workspace.id(), Integer.MAX_VALUE, 500);
    }

    public List<InsightRun> runs(CurrentWorkspace workspace, UUID datasetId) {
        datasets.get(workspace, datasetId);
        return store.runs(workspace.id(), datasetId, 20);
    }

    /** Generates the current version's insights again, as an execution. */
    public UUID regenerate(CurrentWorkspace workspace, UUID datasetId) {
        var dataset = datasets.get(workspace, datasetId);
        if (dataset.currentVersionId() == null) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT, "Dataset '" + dataset.name() + "' has no processed version yet.");
        }
        var executionId = work.submit(workspace, datasetId, dataset.currentVersionId());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "insights.regenerated")
                .entity("dataset", datasetId)
                .details(Map.of("version", dataset.currentVersionId(), "execution", executionId)));
        return executionId;
    }
}
