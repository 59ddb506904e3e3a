package dev.foresight.dashboards.web;

import dev.foresight.dashboards.Dashboard;
import dev.foresight.dashboards.DashboardDraft;
import dev.foresight.dashboards.Dashboards;
import dev.foresight.dashboards.internal.DashboardLive;
import dev.foresight.datasets.Datasets;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import dev.foresight.shared.WorkspaceRole;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard pages, and the JSON the page's script reads and saves with the session (the API itself takes bearer
 * tokens only). JSON answers carry problem details, so the page can show the message in place.
 */
@Controller
@RequestMapping("/w/{slug}/dashboards")
class DashboardPageController {

    private final Dashboards dashboards;
    private final Datasets datasets;
    private final DashboardLive live;
    private final WidgetDownloads downloads;

    DashboardPageController(Dashboards dashboards, Datasets datasets, DashboardLive live, WidgetDownloads downloads) {
        this.dashboards = dashboards;
        this.datasets = datasets;
        this.live = live;
        this.downloads = downloads;
    }

    @GetMapping
    String list(CurrentWorkspace workspace, Model model) {
        model.addAttribute("dashboards", dashboards.list(workspace));
        return "dashboards/list";
    }

    /** The dashboards as JSON for the session's scripts: the "Pin to dashboard" picker of the insight cards. */
    @GetMapping(produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Dashboard> listJson(CurrentWorkspace workspace) {
        return dashboards.list(workspace);
    }

    /** Pins one widget (an insight's query) to a dashboard, from a page with the session and its CSRF token. */
    @PostMapping("/{id}/widgets")
    @ResponseBody
    ResponseEntity<?> addWidget(
            CurrentWorkspace workspace, @PathVariable UUID id, @RequestBody DashboardDraft.WidgetDraft widget) {
        return answer(() -> dashboards.addWidget(workspace, id, widget));
    }

    /** The block on the workspace home page: the home dashboard drawn in full, when there is one, and the others. */
    @GetMapping("/home")
    String home(CurrentWorkspace workspace, Model model) {
        model.addAttribute("home", dashboards.home(workspace).orElse(null));
        model.addAttribute("dashboards", dashboards.list(workspace));
        return "dashboards/list :: home";
    }

    /** The dashboard page's button: the workspace opens on this dashboard, or no longer does. */
    @PostMapping("/{id}/home")
    String makeHome(CurrentWorkspace workspace, @PathVariable UUID id, @RequestParam boolean home) {
        if (home) {
            dashboards.makeHome(workspace, id);
        } else {
            dashboards.clearHome(workspace, id);
        }
        return "redirect:/w/" + workspace.slug() + "/dashboards/" + id;
    }

    @PostMapping
    String create(CurrentWorkspace workspace, @RequestParam String name, RedirectAttributes redirect) {
        try {
            var created = dashboards.create(workspace, new DashboardDraft(name, List.of(), List.of(), null));
            return "redirect:/w/" + workspace.slug() + "/dashboards/" + created.id();
        } catch (ErrorResponseException e) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(e));
            return "redirect:/w/" + workspace.slug() + "/dashboards";
        }
    }

    @GetMapping("/{id}")
    String dashboard(CurrentWorkspace workspace, @PathVariable UUID id, Model model) {
        model.addAttribute("dashboard", dashboards.get(workspace, id));
        model.addAttribute("canEdit", workspace.can(WorkspaceRole.MANAGER));
        return "dashboards/dashboard";
    }

    @PostMapping("/{id}/duplicate")
    String duplicate(CurrentWorkspace workspace, @PathVariable UUID id) {
        var copy = dashboards.duplicate(workspace, id);
        return "redirect:/w/" + workspace.slug() + "/dashboards/" + copy.id();
    }

    @PostMapping("/{id}/delete")
    String delete(CurrentWorkspace workspace, @PathVariable UUID id) {
        dashboards.delete(workspace, id);
        return "redirect:/w/" + workspace.slug() + "/dashboards";
    }

    /** What the page's script needs: the dashboard, the datasets to pick from with their columns, who is here. */
    @GetMapping("/{id}/state")
    @ResponseBody
    ResponseEntity<?> state(CurrentWorkspace workspace, @PathVariable UUID id) {
        return answer(() -> {
            var dashboard = dashboards.get(workspace, id);
            var sets = new ArrayList<Map<String, Object>>();
            for (var dataset : datasets.list(workspace)) {
                if (dataset.currentVersionId() == null) {
                    continue;
                }
                var columns = datasets.version(workspace, dataset.id(), dataset.currentVersionId()).columns().stream()
                        .map(c -> Map.of(
                                "name",
                                c.name(),
                                "type",
                                c.type().name(),
                                "numeric",
                                c.type().isNumeric(),
                                "temporal",
                                c.type().isTemporal()))
                        .toList();
                sets.add(Map.of("id", dataset.id(), "name", dataset.name(), "columns", columns));
            }
            var state = new LinkedHashMap<String, Object>();
            state.put("dashboard", dashboard);
            state.put("datasets", sets);
            state.put("viewers", live.viewers(workspace.slug(), id));
            state.put("canEdit", workspace.can(WorkspaceRole.MANAGER));
            state.put("topic", DashboardLive.topic(workspace.slug(), id));
            return state;
        });
    }

    @PutMapping("/{id}")
    @ResponseBody
    ResponseEntity<?> save(CurrentWorkspace workspace, @PathVariable UUID id, @RequestBody DashboardDraft draft) {
        return answer(() -> dashboards.save(workspace, id, draft));
    }

    @GetMapping("/{id}/widgets/{widgetId}/data")
    @ResponseBody
    ResponseEntity<?> data(
            CurrentWorkspace workspace,
            @PathVariable UUID id,
            @PathVariable String widgetId,
            @RequestParam(required = false) @Nullable String filters) {
        return answer(() -> dashboards.widgetData(workspace, id, widgetId, downloads.viewFilters(filters)));
    }

    @GetMapping("/{id}/widgets/{widgetId}/kpi")
    @ResponseBody
    ResponseEntity<?> kpi(
            CurrentWorkspace workspace,
            @PathVariable UUID id,
            @PathVariable String widgetId,
            @RequestParam(required = false) @Nullable String filters) {
        return answer(() -> dashboards.kpi(workspace, id, widgetId, downloads.viewFilters(filters)));
    }

    @GetMapping("/{id}/widgets/{widgetId}/data.csv")
    void csv(
            CurrentWorkspace workspace,
            @PathVariable UUID id,
            @PathVariable String widgetId,
            @RequestParam(required = false) @Nullable String filters,
            HttpServletResponse response)
            throws IOException {
        var result = dashboards.widgetRows(workspace, id, widgetId, downloads.viewFilters(filters));
        downloads.csv(widgetId, result, response);
    }

    private static ResponseEntity<?> answer(Supplier<Object> work) {
        try {
            return ResponseEntity.ok(work.get());
        } catch (ErrorResponseException e) {
            ProblemDetail problem = e.getBody();
            return ResponseEntity.status(e.getStatusCode())
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
    }
}
