package dev.foresight.dashboards.web;

import dev.foresight.datasets.query.QueryResult;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.shared.CsvWriter;
import dev.foresight.shared.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the page and the API share: a viewer's filters read from the query string, and a widget's rows as CSV. */
@Component
class WidgetDownloads {

    private static final TypeReference<List<QuerySpec.Filter>> FILTERS = new TypeReference<>() {};

    private final JsonMapper json;

    WidgetDownloads(JsonMapper json) {
        this.json = json;
    }

    @Nullable
    List<QuerySpec.Filter> viewFilters(@Nullable String filters) {
        if (filters == null || filters.isBlank()) {
            return null;
        }
        try {
            return json.readValue(filters, FILTERS);
        } catch (JacksonException e) {
            throw new InvalidRequestException(
                    "filters is a JSON array of {\"column\",\"op\",\"value\"}; this one could not be read.");
        }
    }

    void csv(String widgetId, QueryResult result, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"widget-" + widgetId + ".csv\"");
        var out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        var csv = new CsvWriter(out);
        csv.row(result.columns());
        result.rows().forEach(csv::row);
        out.flush();
    }
}
