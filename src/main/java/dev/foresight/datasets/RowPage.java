package dev.foresight.datasets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of rows: the column names, the rows as lists of values, and how many rows match in all. */
public record RowPage(List<String> columns, List<List<@Nullable Object>> rows, long total) {}
