package dev.foresight.datasets.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A query spec as DuckDB SQL: identifiers come from the schema and are quoted, every user value is a parameter.
 *
 * @param sql fetches up to {@code limit + 1} rows, so the caller can tell that more matched
 * @param notice what the compiler changed in the spec, said plainly, or null
 */
public record CompiledQuery(
        String sql, List<Object> parameters, List<String> columns, int limit, @Nullable String notice) {}
