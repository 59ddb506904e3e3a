package dev.foresight.datasets.rules;

import dev.foresight.datasets.ColumnType;

/** How a raw text value becomes a typed one in DuckDB; {@code NULL} where it does not parse. */
public final class TypeParsing {

    private TypeParsing() {}

    public static String parseSql(ColumnType type, String value) {
        var v = "trim(" + value + ")";
        return switch (type) {
            case INTEGER -> "TRY_CAST(" + v + " AS BIGINT)";
            case DECIMAL -> "TRY_CAST(" + v + " AS DOUBLE)";
            case BOOLEAN ->
                "(CASE WHEN lower(" + v + ") IN ('true', 't', 'yes', 'y') THEN TRUE WHEN lower(" + v
                        + ") IN ('false', 'f', 'no', 'n') THEN FALSE END)";
            case DATE -> "coalesce(TRY_CAST(" + v + " AS DATE), CAST(try_strptime(" + v + ", '%m/%d/%Y') AS DATE))";
            case TIMESTAMP -> "TRY_CAST(" + v + " AS TIMESTAMP)";
            case TEXT -> value;
        };
    }

    public static String emptySql(String value) {
        return "(" + value + " IS NULL OR trim(" + value + ") = '')";
    }
}
