package dev.foresight.datasets.web;

import dev.foresight.datasets.query.Queries;
import dev.foresight.datasets.query.QueryResult;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Query", description = "Aggregate queries over a dataset's current version")
@RestController
class QueryRestController {

    private final Queries queries;

    QueryRestController(Queries queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "Runs a query spec: measures, dimensions, time grain, filters, sort, limit (capped at 10,000)",
            description =
                    "Answers {columns, rows}; dates are ISO text. Like every POST it needs MANAGER; viewers read the same"
                            + " figures through dashboards. Stopped after the timeout"
                            + " (30 s by default) with 408.")
    @PostMapping("/api/v1/workspaces/{slug}/query")
    QueryResult query(CurrentWorkspace workspace, @RequestBody QuerySpec spec) {
        return queries.run(workspace, spec);
    }
}
