package dev.foresight.datasets.query;

import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a query: values are numbers, booleans, text, or ISO text for dates and timestamps.
 *
 * @param versionId the dataset version the rows come from
 * @param truncated more rows matched than {@code limit}
 * @param notice a plain sentence about what the engine changed (a capped limit), or null
 */
public record QueryResult(
        List<String> columns,
        List<List<@Nullable Object>> rows,
        String versionId,
        int limit,
        boolean truncated,
        @Nullable String notice)
        implements Serializable {}
