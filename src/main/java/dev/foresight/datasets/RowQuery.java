package dev.foresight.datasets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a dataset's rows.
 *
 * @param sort a column name, or {@code -name} for descending
 * @param filters {@code column:op:value} with op one of eq, ne, lt, le, gt, ge, contains, empty
 * @param search text to find in any text column
 */
public record RowQuery(int offset, int limit, @Nullable String sort, List<String> filters, @Nullable String search) {

    public static final int MAX_LIMIT = 1000;

    public RowQuery {
        offset = Math.max(0, offset);
        limit = Math.clamp(limit, 1, MAX_LIMIT);
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
