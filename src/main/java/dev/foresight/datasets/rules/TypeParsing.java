package dev.foresight.datasets.rules;

import dev.foresight.datasets.ColumnType;

/** How a raw text value becomes a typed one in DuckDB; {@code NULL} where it does not parse. */
public final class TypeParsing {

    private TypeParsing() {}

    public static String parseSql(ColumnType type, String value) {
        var v = "trim(" + value + ")";
        return switch (type) {
            // DuckDB's own casts are lenient: '1.5' becomes the BIGINT 2, '0x1F' 31, '1_000' 1000 and 'inf' a DOUBLE.
            // Only plain numbers count, so that a column of amounts is never rounded into integers; "20.0" loses
            // nothing and stays an integer (a mean, or a spreadsheet export).
            case INTEGER ->
                "(CASE WHEN regexp_full_match(" + v + ", '[+-]?[0-9]+([.]0*)?') THEN TRY_CAST(" + v
                        + " AS BIGINT) END)";
            case DECIMAL ->
                "(CASE WHEN regexp_full_match(" + v
                        + ", '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(" + v
                        + " AS DOUBLE) END)";
            case BOOLEAN ->
                "(CASE WHEN lower(" + v + ") IN ('true', 't', 'yes', 'y') THEN TRUE WHEN lower(" + v
                        + ") IN ('false', 'f', 'no', 'n') THEN FALSE END)";
            // DuckDB casts '2026-11-09 08:00:00' to a DATE by dropping the time; a value with a time is a timestamp.
            case DATE ->
                "(CASE WHEN contains(" + v + ", ':') THEN NULL ELSE coalesce(TRY_CAST(" + v
                        + " AS DATE), CAST(try_strptime(" + v + ", '%m/%d/%Y') AS DATE)) END)";
            case TIMESTAMP -> "TRY_CAST(" + v + " AS TIMESTAMP)";
            case TEXT -> value;
        };
    }

    public static String emptySql(String value) {
        return "(" + value + " IS NULL OR trim(" + value + ") = '')";
    }
}
