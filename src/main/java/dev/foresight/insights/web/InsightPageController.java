package dev.foresight.insights.web;

import dev.foresight.datasets.Datasets;
import dev.foresight.insights.Insight;
import dev.foresight.insights.Insights;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The insights pages, and the fragments the dataset page (profile) and the workspace home (feed) load with HTMX. */
@Controller
@RequestMapping("/w/{slug}")
class InsightPageController {

    private final Insights insights;
    private final Datasets datasets;
    private final JsonMapper json;

    InsightPageController(Insights insights, Datasets datasets, JsonMapper json) {
        this.insights = insights;
        this.datasets = datasets;
        this.json = json;
    }

    @GetMapping("/insights")
    String workspace(CurrentWorkspace workspace, Model model) {
        var byDataset = new LinkedHashMap<String, List<InsightCard>>();
        for (var insight : insights.all(workspace)) {
            byDataset
                    .computeIfAbsent(
                            insight.datasetName() + "|" + insight.datasetId(), k -> new java.util.ArrayList<>())
                    .add(card(insight));
        }
        model.addAttribute("groups", byDataset);
        return "insights/list";
    }

    @GetMapping("/insights/feed")
    String feed(CurrentWorkspace workspace, Model model) {
        model.addAttribute("feed", insights.feed(workspace, 6));
        return "insights/fragments :: feed";
    }

    @GetMapping("/datasets/{datasetId}/insights")
    String dataset(CurrentWorkspace workspace, @PathVariable UUID datasetId, Model model) {
        model.addAttribute("dataset", datasets.get(workspace, datasetId));
        model.addAttribute(
                "cards",
                insights.list(workspace, datasetId).stream().map(this::card).toList());
        var runs = insights.runs(workspace, datasetId);
        model.addAttribute("run", runs.isEmpty() ? null : runs.getFirst());
        return "insights/dataset";
    }

    @PostMapping("/datasets/{datasetId}/insights/runs")
    String regenerate(CurrentWorkspace workspace, @PathVariable UUID datasetId, RedirectAttributes redirect) {
        try {
            var executionId = insights.regenerate(workspace, datasetId);
            redirect.addFlashAttribute("info", "Generating the insights again.");
            return "redirect:/w/" + workspace.slug() + "/executions/" + executionId;
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/w/" + workspace.slug() + "/datasets/" + datasetId + "/insights";
        }
    }

    @GetMapping("/datasets/{datasetId}/profile")
    String profile(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(required = false) @Nullable UUID version,
            Model model) {
        try {
            model.addAttribute("profile", insights.profile(workspace, datasetId, version));
        } catch (ErrorResponseException unavailable) {
            model.addAttribute("unavailable", ErrorResponses.detail(unavailable));
        }
        return "insights/fragments :: profile";
    }

    private InsightCard card(Insight insight) {
        return new InsightCard(
                insight, json.writeValueAsString(insight.chart()), json.writeValueAsString(insight.query()));
    }
}
