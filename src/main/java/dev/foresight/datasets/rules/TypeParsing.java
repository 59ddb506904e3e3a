package dev.foresight.datasets.rules;

import dev.foresight.datasets.ColumnType;

/** How a raw text value becomes a typed one in DuckDB; {@code NULL} where it does not parse. */
public final class TypeParsing {

    private TypeParsing() {}

    public static String parseSql(ColumnType type, String value) {
        return type == ColumnType.TEXT ? value : parseTrimmedSql(type, "trim(" + value + ")");
    }

    /**
     * {@link #parseSql} of a value already trimmed ({@link #trimSql} in a subquery), so that a pass trims each value
     * once and parses without trimming again. The value is repeated in the expression: pass a column, not an
     * expression, or a thousand columns make SQL that takes DuckDB minutes to plan.
     */
    public static String parseTrimmedSql(ColumnType type, String v) {
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
            // try_strptime is slow to fail; only a value with a slash can be a US date. A date starts with a digit:
            // the guard spares the casts' slow failure on text (most of type inference's time) and refuses DuckDB's
            // words for dates, 'infinity' and 'epoch'.
            case DATE ->
                "(CASE WHEN NOT " + startsWithDigit(v) + " OR contains(" + v
                        + ", ':') THEN NULL ELSE coalesce(TRY_CAST("
                        + v + " AS DATE), CASE WHEN contains(" + v + ", '/') THEN CAST(try_strptime(" + v
                        + ", '%m/%d/%Y') AS DATE) END) END)";
            case TIMESTAMP -> "(CASE WHEN " + startsWithDigit(v) + " THEN TRY_CAST(" + v + " AS TIMESTAMP) END)";
            case TEXT -> v;
        };
    }

    /**
     * The value without surrounding spaces, trimmed only where a space could start or end it: trim copies every value
     * it touches, and most values need nothing. (A value that starts plainly but ends in a non-ASCII space keeps it.)
     */
    public static String trimSql(String value) {
        return "(CASE WHEN " + value + " < '!' OR " + value + " >= chr(128) OR suffix(" + value + ", ' ') THEN trim("
                + value + ") ELSE " + value + " END)";
    }

    /**
     * Missing, empty or only spaces. Only a value that starts with a space, a control character or a non-ASCII
     * character can be all spaces, so trim (which copies) runs only for those: a third less work on a pass of
     * millions of values.
     */
    public static String emptySql(String value) {
        return "(" + value + " IS NULL OR ((" + value + " < '!' OR " + value + " >= chr(128)) AND trim(" + value
                + ") = ''))";
    }

    /** The first character is a digit: ':' follows '9', so this is two comparisons of the value's prefix. */
    private static String startsWithDigit(String v) {
        return "(" + v + " >= '0' AND " + v + " < ':')";
    }
}
