package dev.foresight.forecasting.internal;

import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.datasets.Datasets;
import dev.foresight.forecasting.ForecastSpec;
import dev.foresight.forecasting.Forecasts;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: when the {@code workforce} workspace's "Contact volumes" dataset is published, forecast its contacts per
 * queue at 30 minutes for two weeks (672 buckets) — once per version, so a redelivered event starts nothing new. Like
 * every intraday forecast it is fitted on the most recent weeks only ({@code foresight.forecasting
 * .intraday-history-weeks}, 10 by default), which keeps the run to seconds.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
class DemoForecasts {

    static final String WORKSPACE = "workforce";
    static final String DATASET = "Contact volumes";

    private static final Logger log = LoggerFactory.getLogger(DemoForecasts.class);

    private final Datasets datasets;
    private final Forecasts forecasts;

    DemoForecasts(Datasets datasets, Forecasts forecasts) {
        this.datasets = datasets;
        this.forecasts = forecasts;
    }

    @ApplicationModuleListener
    void on(DatasetVersionPublished published) {
        if (!WORKSPACE.equals(published.workspace())) {
            return;
        }
        var workspace = new CurrentWorkspace(
                published.workspaceId(), published.workspace(), published.workspace(), WorkspaceRole.ADMIN, "system");
        var dataset = datasets.get(workspace, published.datasetId());
        if (!DATASET.equals(dataset.name())) {
            return;
        }
        var spec = new ForecastSpec(
                published.datasetId(), "interval_start", "contacts", List.of("queue"), "30min", 672, null, null, null);
        if (forecasts.exists(workspace, spec, published.versionId())) {
            return;
        }
        var requested = forecasts.start(workspace, spec);
        log.info("Demo: forecasting contacts per queue in {} ({})", WORKSPACE, requested.forecastId());
    }
}
