package dev.foresight.audit.web;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditQuery;
import dev.foresight.shared.CsvWriter;
import dev.foresight.shared.CurrentWorkspace;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The audit export shared by the page and the API. */
final class AuditCsv {

    private AuditCsv() {}

    static void write(AuditLog audit, CurrentWorkspace workspace, AuditQuery query, HttpServletResponse response)
            throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + workspace.slug() + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        var csv = new CsvWriter(response.getWriter());
        csv.row(Arrays.asList(
                "seq",
                "occurred_at",
                "actor",
                "action",
                "entity_type",
                "entity_id",
                "request_id",
                "client_address",
                "details",
                "hash"));
        audit.forEach(
                workspace.id(),
                query,
                e -> csv.row(Arrays.asList(
                        e.seq(),
                        e.occurredAt(),
                        e.actor(),
                        e.action(),
                        e.entityType(),
                        e.entityId(),
                        e.requestId(),
                        e.clientAddress(),
                        e.details(),
                        e.hash())));
        response.getWriter().flush();
    }
}
