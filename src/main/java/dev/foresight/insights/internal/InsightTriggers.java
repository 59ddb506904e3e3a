package dev.foresight.insights.internal;

import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Every published version gets its insights; a republished event (after a restart) does not start a second run. */
@Component
class InsightTriggers {

    private final InsightWork work;
    private final InsightStore store;

    InsightTriggers(InsightWork work, InsightStore store) {
        this.work = work;
        this.store = store;
    }

    @ApplicationModuleListener
    void on(DatasetVersionPublished published) {
        if (store.hasLiveRun(published.datasetId(), published.versionId())) {
            return;
        }
        var workspace = new CurrentWorkspace(
                published.workspaceId(), published.workspace(), published.workspace(), WorkspaceRole.ADMIN, "system");
        work.submit(workspace, published.datasetId(), published.versionId());
    }
}
