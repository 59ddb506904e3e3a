package dev.foresight.datasets;

/**
 * One column of a version's schema.
 *
 * @param name the header as uploaded
 * @param typeShare the share of non-empty values that parse as {@code type}
 */
public record DatasetColumn(String name, ColumnType type, ColumnRole role, double typeShare) {}
