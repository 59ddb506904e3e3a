package dev.foresight.datasets.internal;

import dev.foresight.datasets.rules.PhiDetector;

/** Safe SQL text for the few things DuckDB cannot take as bound parameters: identifiers and our own paths. */
public final class Sql {

    /**
     * The macros every DuckDB connection that evaluates rules needs: {@code fs_luhn}, the card-number checksum of PHI
     * detection, and {@code fs_mask_phi}, every detector's mask in one call. Reports mask each cell of a rejected row
     * with it: inlined, the masks of a thousand columns make megabytes of SQL that take DuckDB many seconds to plan.
     */
    public static final String MACROS =
            """
            CREATE OR REPLACE MACRO fs_luhn(d) AS (
                list_sum(list_transform(range(length(d)), lambda i:
                    CASE WHEN i % 2 = 1
                         THEN (CASE WHEN CAST(substr(d, length(d) - i::INT, 1) AS INT) * 2 > 9
                                    THEN CAST(substr(d, length(d) - i::INT, 1) AS INT) * 2 - 9
                                    ELSE CAST(substr(d, length(d) - i::INT, 1) AS INT) * 2 END)
                         ELSE CAST(substr(d, length(d) - i::INT, 1) AS INT) END)) % 10 = 0);
            """
                    + "CREATE OR REPLACE MACRO fs_mask_phi(v) AS " + maskAll("v");

    private static String maskAll(String value) {
        var masked = value;
        for (var detector : PhiDetector.values()) {
            masked = detector.maskSql(masked, "");
        }
        return masked;
    }

    private Sql() {}

    /** A quoted identifier: any text becomes one name, never SQL. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string literal, for values that come from Foresight itself (paths, constants), never from users. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
