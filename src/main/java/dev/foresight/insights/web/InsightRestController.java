package dev.foresight.insights.web;

import dev.foresight.insights.DatasetProfile;
import dev.foresight.insights.Insight;
import dev.foresight.insights.InsightRun;
import dev.foresight.insights.Insights;
import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Insights", description = "Profiles of dataset versions and automatic insights")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}")
class InsightRestController {

    record RunStarted(UUID executionId) {}

    private final Insights insights;

    InsightRestController(Insights insights) {
        this.insights = insights;
    }

    @Operation(
            summary = "The profile of a processed version (default: the current one): per column count, nulls,"
                    + " distinct, min, max, mean, standard deviation, quantiles, histogram and top values")
    @GetMapping("/datasets/{datasetId}/profile")
    DatasetProfile profile(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(required = false) @Nullable UUID version) {
        return insights.profile(workspace, datasetId, version);
    }

    @Operation(
            summary = "The dataset's insights from its current version, ranked by score: type, score, sentence,"
                    + " evidence, an ECharts chart and a query spec to pin on a dashboard")
    @GetMapping("/datasets/{datasetId}/insights")
    List<Insight> list(CurrentWorkspace workspace, @PathVariable UUID datasetId) {
        return insights.list(workspace, datasetId);
    }

    @Operation(summary = "The dataset's insight runs, newest first, with notes on what could not be analysed")
    @GetMapping("/datasets/{datasetId}/insights/runs")
    List<InsightRun> runs(CurrentWorkspace workspace, @PathVariable UUID datasetId) {
        return insights.runs(workspace, datasetId);
    }

    @Operation(summary = "Generates the current version's insights again as an execution; answers 202")
    @PostMapping("/datasets/{datasetId}/insights/runs")
    ResponseEntity<RunStarted> regenerate(CurrentWorkspace workspace, @PathVariable UUID datasetId) {
        return ResponseEntity.accepted().body(new RunStarted(insights.regenerate(workspace, datasetId)));
    }

    @Operation(summary = "The workspace's insight feed: the best insights of each dataset, newest first")
    @GetMapping("/insights")
    List<Insight> feed(CurrentWorkspace workspace, @RequestParam(defaultValue = "50") int limit) {
        return insights.feed(workspace, limit);
    }
}
