package dev.foresight.datasets.internal;

/** Safe SQL text for the few things DuckDB cannot take as bound parameters: identifiers and our own paths. */
public final class Sql {

    /** Card-number checksum, used by PHI detection. */
    static final String MACROS =
            """
            CREATE OR REPLACE MACRO fs_luhn(d) AS (
                list_sum(list_transform(range(length(d)), lambda i:
                    CASE WHEN i % 2 = 1
                         THEN (CASE WHEN CAST(substr(d, length(d) - i::INT, 1) AS INT) * 2 > 9
                                    THEN CAST(substr(d, length(d) - i::INT, 1) AS INT) * 2 - 9
                                    ELSE CAST(substr(d, length(d) - i::INT, 1) AS INT) * 2 END)
                         ELSE CAST(substr(d, length(d) - i::INT, 1) AS INT) END)) % 10 = 0)""";

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
