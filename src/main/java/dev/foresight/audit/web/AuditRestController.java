package dev.foresight.audit.web;

import dev.foresight.audit.AuditEvent;
import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditQuery;
import dev.foresight.audit.ChainVerification;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit", description = "The workspace's hash-chained audit trail (ADMIN)")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/audit")
@RequiresRole(WorkspaceRole.ADMIN)
class AuditRestController {

    private final AuditLog audit;

    AuditRestController(AuditLog audit) {
        this.audit = audit;
    }

    @Operation(summary = "Audit events, newest first, filtered by actor, action and time")
    @GetMapping
    List<AuditEvent> list(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(defaultValue = "200") int limit) {
        return audit.find(workspace.id(), new AuditQuery(actor, action, from, to, limit));
    }

    @Operation(summary = "Re-computes the hash chain and names the first broken link")
    @GetMapping("/verify")
    ChainVerification verify(CurrentWorkspace workspace) {
        return audit.verify(workspace.id());
    }

    @Operation(summary = "The filtered events as CSV")
    @GetMapping(value = "/export", produces = "text/csv")
    void export(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            HttpServletResponse response)
            throws IOException {
        AuditCsv.write(audit, workspace, new AuditQuery(actor, action, from, to, AuditQuery.MAX_LIMIT), response);
    }
}
