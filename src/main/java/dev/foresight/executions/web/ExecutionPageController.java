package dev.foresight.executions.web;

import dev.foresight.executions.ExecutionFilter;
import dev.foresight.executions.ExecutionStatus;
import dev.foresight.executions.Executions;
import dev.foresight.shared.CurrentWorkspace;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
@RequestMapping("/w/{slug}/executions")
class ExecutionPageController {

    private final Executions executions;

    ExecutionPageController(Executions executions) {
        this.executions = executions;
    }

    @GetMapping
    String list(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable ExecutionStatus status,
            @RequestParam(required = false) @Nullable String type,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        model.addAttribute("executions", executions.list(workspace, new ExecutionFilter(status, type, 200)));
        model.addAttribute("statuses", ExecutionStatus.values());
        model.addAttribute("status", status);
        model.addAttribute("type", type);
        return htmx != null ? "executions/list :: rows" : "executions/list";
    }

    @GetMapping("/{id}")
    String detail(CurrentWorkspace workspace, @PathVariable UUID id, Model model) {
        model.addAttribute("execution", executions.get(workspace, id));
        return "executions/detail";
    }

    /** The execution as JSON, for pages catching up on what happened before their live channel connected. */
    @GetMapping(value = "/{id}/state", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    dev.foresight.executions.Execution state(CurrentWorkspace workspace, @PathVariable UUID id) {
        return executions.get(workspace, id);
    }

    @PostMapping("/{id}/cancel")
    String cancel(CurrentWorkspace workspace, @PathVariable UUID id) {
        executions.cancel(workspace, id);
        return "redirect:/w/" + workspace.slug() + "/executions/" + id;
    }
}
