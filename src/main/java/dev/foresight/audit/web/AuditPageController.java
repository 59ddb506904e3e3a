package dev.foresight.audit.web;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditQuery;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
@RequestMapping("/w/{slug}/audit")
@RequiresRole(WorkspaceRole.ADMIN)
class AuditPageController {

    private final AuditLog audit;

    AuditPageController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    String page(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            Model model) {
        model.addAttribute("events", audit.find(workspace.id(), query(actor, action, from, to, 500)));
        model.addAttribute("verification", audit.verify(workspace.id()));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit";
    }

    @GetMapping("/export")
    void export(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            HttpServletResponse response)
            throws IOException {
        AuditCsv.write(audit, workspace, query(actor, action, from, to, AuditQuery.MAX_LIMIT), response);
    }

    /** Dates on the page are whole UTC days; "to" includes its day. */
    private static AuditQuery query(
            @Nullable String actor,
            @Nullable String action,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            int limit) {
        return new AuditQuery(actor, action, start(from), to == null ? null : start(to.plusDays(1)), limit);
    }

    private static @Nullable Instant start(@Nullable LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
