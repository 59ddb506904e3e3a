package dev.foresight.insights.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Query specs in the shape the dashboards' query engine takes ({@code dataset, measures, dimensions, timeGrain,
 * filters, sort, limit}), so an insight's data can be pinned as a widget. Result columns are named
 * {@code <agg>_<column>}, or {@code count} for a row count.
 */
final class QuerySpecs {

    private QuerySpecs() {}

    static Map<String, Object> spec(
            UUID dataset,
            List<Plan.Measure> measures,
            List<String> dimensions,
            @Nullable String timeGrain,
            List<Map<String, Object>> filters,
            @Nullable String sort,
            int limit) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("dataset", dataset.toString());
        var list = new ArrayList<Object>();
        for (var m : measures) {
            list.add(m.column() == null ? Map.of("agg", "count") : Map.of("column", m.column(), "agg", m.agg()));
        }
        spec.put("measures", list);
        spec.put("dimensions", dimensions);
        if (timeGrain != null) {
            spec.put("timeGrain", timeGrain);
        }
        spec.put("filters", filters);
        if (sort != null) {
            spec.put("sort", sort);
        }
        spec.put("limit", limit);
        return spec;
    }

    static String resultColumn(Plan.Measure measure) {
        return measure.column() == null ? "count" : measure.agg() + "_" + measure.column();
    }

    static List<Map<String, Object>> eq(Plan.@Nullable Segment segment) {
        return segment == null
                ? List.of()
                : List.of(Map.of("column", segment.column(), "op", "eq", "value", segment.value()));
    }

    static Map<String, Object> filter(String column, String op, Object value) {
        return Map.of("column", column, "op", op, "value", value);
    }
}
