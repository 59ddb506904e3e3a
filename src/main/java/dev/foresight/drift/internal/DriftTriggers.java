package dev.foresight.drift.internal;

import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.drift.DriftMonitors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Every new version of a dataset is compared by each of its monitors (the demo's monitor is seeded first). */
@Component
class DriftTriggers {

    private final DriftMonitors monitors;
    private final ObjectProvider<DemoDriftMonitor> demo;

    DriftTriggers(DriftMonitors monitors, ObjectProvider<DemoDriftMonitor> demo) {
        this.monitors = monitors;
        this.demo = demo;
    }

    @ApplicationModuleListener
    void on(DatasetVersionPublished published) {
        demo.ifAvailable(seeding -> seeding.seed(published));
        monitors.startVersionRuns(
                published.workspace(), published.workspaceId(), published.datasetId(), published.versionId());
    }
}
