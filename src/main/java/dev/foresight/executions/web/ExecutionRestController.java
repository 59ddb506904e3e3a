package dev.foresight.executions.web;

import dev.foresight.executions.Execution;
import dev.foresight.executions.ExecutionFilter;
import dev.foresight.executions.ExecutionStatus;
import dev.foresight.executions.Executions;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.MachineAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Executions", description = "Background work and its progress")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/executions")
class ExecutionRestController {

    private final Executions executions;

    ExecutionRestController(Executions executions) {
        this.executions = executions;
    }

    @Operation(summary = "Lists the workspace's executions, newest first")
    @GetMapping
    List<Execution> list(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable ExecutionStatus status,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(defaultValue = "100") int limit) {
        return executions.list(workspace, new ExecutionFilter(status, type, limit));
    }

    @Operation(summary = "One execution; an integrator's workspace token may poll it")
    @MachineAccess
    @GetMapping("/{id}")
    Execution get(CurrentWorkspace workspace, @PathVariable UUID id) {
        return executions.get(workspace, id);
    }

    @Operation(summary = "Cancels a queued or running execution (MANAGER)")
    @PostMapping("/{id}/cancel")
    Execution cancel(CurrentWorkspace workspace, @PathVariable UUID id) {
        return executions.cancel(workspace, id);
    }
}
