package dev.foresight.drift.internal;

import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.datasets.Datasets;
import dev.foresight.drift.DriftMonitors;
import dev.foresight.drift.MetricSpec;
import dev.foresight.drift.MonitorDefinition;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Demo mode: when the demo Claims dataset of the {@code claims} workspace is published, it gets a monitor per payer
 * comparing the last week with the eight weeks before: what a claims team watches, each metric once. The denial rate;
 * the amounts paid on paid claims (denied claims pay nothing, which the denial rate already says); the volume of
 * claims; the mix of procedure codes (CPT). The status mix and the amounts of all claims would repeat the denial
 * rate's finding, so they are not watched separately. Created once; the version's run follows from the same event.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
class DemoDriftMonitor {

    static final String NAME = "Claims per payer";

    /** What a claims team watches per payer; the drift benchmark runs the same. */
    static final List<MetricSpec> METRICS = List.of(
            new MetricSpec("rate", null, "status = 'DENIED'", "denial rate"),
            new MetricSpec("numeric", "paid_amount", "status = 'PAID'", "paid amount"),
            new MetricSpec("volume", null, null, "claims"),
            new MetricSpec("categorical", "cpt_code", null, "procedure mix"));

    private static final Logger log = LoggerFactory.getLogger(DemoDriftMonitor.class);

    private final Datasets datasets;
    private final DriftMonitors monitors;

    DemoDriftMonitor(Datasets datasets, DriftMonitors monitors) {
        this.datasets = datasets;
        this.monitors = monitors;
    }

    void seed(DatasetVersionPublished published) {
        if (!published.workspace().equals("claims")) {
            return;
        }
        var workspace = new CurrentWorkspace(
                published.workspaceId(), published.workspace(), published.workspace(), WorkspaceRole.ADMIN, "system");
        var dataset = datasets.get(workspace, published.datasetId());
        if (!dataset.name().equals("Claims")) {
            return;
        }
        var definition = new MonitorDefinition(
                NAME,
                dataset.id().toString(),
                "date_of_service",
                List.of("payer"),
                METRICS,
                "P8W",
                "P1W",
                null,
                "0 6 * * 1",
                // One false alarm a month is too many for a Monday-morning report: the FDR is held at 1 %.
                0.01);
        if (monitors.createIfAbsent(workspace, dataset.id(), definition)) {
            log.info("Demo: drift monitor '{}' created in workspace claims", NAME);
        }
    }
}
