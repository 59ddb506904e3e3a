package dev.foresight.workforce.web;

import dev.foresight.forecasting.Forecast;
import dev.foresight.forecasting.ForecastStatus;
import dev.foresight.forecasting.Forecasts;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import dev.foresight.workforce.Allocation;
import dev.foresight.workforce.Capacity;
import dev.foresight.workforce.PlanParameters;
import dev.foresight.workforce.PlanRequest;
import dev.foresight.workforce.StaffingRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

@Controller
@RequestMapping("/w/{slug}/capacity")
class CapacityPageController {

    private final Capacity capacity;
    private final Forecasts forecasts;

    private final JsonMapper json;

    CapacityPageController(Capacity capacity, Forecasts forecasts, JsonMapper json) {
        this.json = json;
        this.capacity = capacity;
        this.forecasts = forecasts;
    }

    @GetMapping
    String overview(CurrentWorkspace workspace, Model model) {
        model.addAttribute("rosters", capacity.rosters(workspace));
        model.addAttribute("plans", capacity.plans(workspace));
        model.addAttribute("forecasts", plannable(workspace));
        return "workforce/overview";
    }

    private List<Forecast> plannable(CurrentWorkspace workspace) {
        return forecasts.list(workspace).stream()
                .filter(f -> f.status() == ForecastStatus.SUCCEEDED)
                .filter(f -> f.frequency().endsWith("min"))
                .toList();
    }

    /** The calculator form, answered as a fragment for HTMX. */
    @PostMapping("/erlang-c")
    String calculate(CurrentWorkspace workspace, @ModelAttribute StaffingRequest request, Model model) {
        try {
            model.addAttribute("result", capacity.staffing(request));
        } catch (ErrorResponseException invalid) {
            model.addAttribute("problem", ErrorResponses.detail(invalid));
        }
        return "workforce/overview :: result";
    }

    @PostMapping("/rosters")
    String upload(
            CurrentWorkspace workspace,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String name,
            RedirectAttributes redirect)
            throws IOException {
        try (var content = file.getInputStream()) {
            var roster = capacity.uploadRoster(
                    workspace,
                    name,
                    file.getOriginalFilename() == null ? "roster.csv" : file.getOriginalFilename(),
                    content);
            redirect.addFlashAttribute(
                    "info", "Roster '" + roster.name() + "' uploaded: " + roster.agents() + " agents.");
            return "redirect:/w/" + workspace.slug() + "/capacity/rosters/" + roster.id();
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/w/" + workspace.slug() + "/capacity";
        }
    }

    @GetMapping("/rosters/{rosterId}")
    String roster(CurrentWorkspace workspace, @PathVariable UUID rosterId, Model model) {
        var detail = capacity.rosterDetail(workspace, rosterId, 30);
        model.addAttribute("detail", detail);
        model.addAttribute("availabilityJson", json.writeValueAsString(detail.availability()));
        return "workforce/roster";
    }

    @PostMapping("/plans")
    String createPlan(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable UUID forecastId,
            @RequestParam(required = false) @Nullable UUID rosterId,
            @RequestParam(required = false) @Nullable String name,
            @ModelAttribute PlanParameters parameters,
            RedirectAttributes redirect) {
        try {
            var plan = capacity.createPlan(workspace, new PlanRequest(forecastId, rosterId, name, parameters));
            redirect.addFlashAttribute("info", "Plan '" + plan.name() + "' created.");
            return "redirect:/w/" + workspace.slug() + "/capacity/plans/" + plan.id();
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/w/" + workspace.slug() + "/capacity";
        }
    }

    /** The manager dashboard: KPI tiles, the gap heatmap, weekly totals and the what-if panel. */
    @GetMapping("/plans/{planId}")
    String plan(CurrentWorkspace workspace, @PathVariable UUID planId, Model model) {
        var figures = capacity.figures(workspace, planId);
        model.addAttribute("figures", figures);
        model.addAttribute("plan", figures.plan());
        model.addAttribute("summary", capacity.summary(workspace, planId));
        model.addAttribute("allocations", capacity.allocations(workspace, planId));
        return "workforce/plan";
    }

    @GetMapping("/plans/{planId}/figures")
    @ResponseBody
    ResponseEntity<?> figures(CurrentWorkspace workspace, @PathVariable UUID planId) {
        return answer(() -> capacity.figures(workspace, planId));
    }

    @PostMapping("/plans/{planId}/allocations")
    @ResponseBody
    ResponseEntity<?> allocate(
            CurrentWorkspace workspace,
            @PathVariable UUID planId,
            @RequestParam(defaultValue = "false") boolean preview,
            @RequestBody Allocation allocation) {
        return answer(() -> preview
                ? capacity.preview(workspace, planId, allocation)
                : capacity.allocate(workspace, planId, allocation));
    }

    @DeleteMapping("/plans/{planId}/allocations/{allocationId}")
    @ResponseBody
    ResponseEntity<?> removeAllocation(
            CurrentWorkspace workspace, @PathVariable UUID planId, @PathVariable UUID allocationId) {
        return answer(() -> {
            capacity.deleteAllocation(workspace, planId, allocationId);
            return Map.of("removed", allocationId);
        });
    }

    /** The page script shows the message of a refused change beside the form. */
    private static ResponseEntity<?> answer(Supplier<?> work) {
        try {
            return ResponseEntity.ok(work.get());
        } catch (ErrorResponseException invalid) {
            return ResponseEntity.status(invalid.getStatusCode())
                    .body(Map.of("detail", ErrorResponses.detail(invalid)));
        }
    }
}
