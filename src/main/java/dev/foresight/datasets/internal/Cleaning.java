package dev.foresight.datasets.internal;

import dev.foresight.datasets.CleaningSpec;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.executions.Progress;
import dev.foresight.shared.InvalidRequestException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Cleans a version's rows with DuckDB, step by step, counting what each step changed, and writes the result as the
 * CSV source of a new version (which then passes the dataset's rules like any upload).
 */
@Component
public class Cleaning {

    private static final Set<String> STRATEGIES = Set.of("mean", "median", "mode", "constant", "previous", "drop");

    private final DuckDbEngine duckdb;

    Cleaning(DuckDbEngine duckdb) {
        this.duckdb = duckdb;
    }

    /** Refuses a spec that names unknown columns or asks what a column's type cannot do. */
    public void check(CleaningSpec spec, List<DatasetColumn> columns) {
        var byName = columns.stream().collect(Collectors.toMap(DatasetColumn::name, DatasetColumn::type, (a, b) -> a));
        var named = new ArrayList<String>();
        named.addAll(spec.trimOrEmpty());
        named.addAll(spec.datesOrEmpty());
        spec.casesOrEmpty().forEach(c -> named.add(c.column()));
        spec.fillsOrEmpty().forEach(f -> named.add(f.column()));
        if (spec.deduplicate() != null && spec.deduplicate().key() != null) {
            named.addAll(spec.deduplicate().key());
        }
        for (var name : named) {
            if (!byName.containsKey(name)) {
                throw new InvalidRequestException("There is no column '" + name + "' to clean.");
            }
        }
        for (var change : spec.casesOrEmpty()) {
            if (!Set.of("upper", "lower").contains(change.to())) {
                throw new InvalidRequestException("A case change is 'upper' or 'lower'; got '" + change.to() + "'.");
            }
        }
        for (var fill : spec.fillsOrEmpty()) {
            var strategy = fill.strategy() == null ? "" : fill.strategy().toLowerCase(Locale.ROOT);
            if (!STRATEGIES.contains(strategy)) {
                throw new InvalidRequestException(
                        "Fill strategies are " + STRATEGIES + "; got '" + fill.strategy() + "'.");
            }
            if (Set.of("mean", "median").contains(strategy)
                    && !byName.get(fill.column()).isNumeric()) {
                throw new InvalidRequestException("The " + strategy + " of '" + fill.column()
                        + "' needs a numeric column; it is " + byName.get(fill.column()) + ".");
            }
            if (strategy.equals("constant") && fill.value() == null) {
                throw new InvalidRequestException("A constant fill of '" + fill.column() + "' needs a value.");
            }
        }
        var keep = spec.deduplicate() == null ? null : spec.deduplicate().keep();
        if (keep != null && !Set.of("first", "last").contains(keep)) {
            throw new InvalidRequestException("Deduplication keeps the 'first' or the 'last' row; got '" + keep + "'.");
        }
    }

    /** Cleans the rows of {@code parquet} into {@code target} (CSV) and returns what changed, before against after. */
    public Map<String, Object> clean(
            Path parquet, List<DatasetColumn> columns, CleaningSpec spec, Path target, Progress progress) {
        check(spec, columns);
        return duckdb.withConnection(connection -> {
            var summary = new LinkedHashMap<String, Object>();
            var suffix = Long.toHexString(System.nanoTime());
            var tables = new ArrayList<String>();
            try {
                var current = stage(
                        connection,
                        tables,
                        "t0_" + suffix,
                        "SELECT row_number() OVER () AS __row, * FROM read_parquet("
                                + Sql.literal(parquet.toAbsolutePath().toString()) + ")");
                long before = count(connection, current);
                summary.put("rowsBefore", before);
                progress.update(15, "Read " + before + " rows");

                var changed = new LinkedHashMap<String, Long>();
                var text = new ArrayList<String>();
                for (var column : columns) {
                    var id = Sql.identifier(column.name());
                    String expression = id;
                    if (spec.trimOrEmpty().contains(column.name()) && column.type() == ColumnType.TEXT) {
                        expression = "regexp_replace(trim(" + expression + "), '\\s+', ' ', 'g')";
                    }
                    for (var change : spec.casesOrEmpty()) {
                        if (change.column().equals(column.name())) {
                            expression = (change.to().equals("upper") ? "upper(" : "lower(") + "CAST(" + expression
                                    + " AS VARCHAR))";
                        }
                    }
                    if (spec.datesOrEmpty().contains(column.name()) && column.type() == ColumnType.TEXT) {
                        var v = "trim(" + expression + ")";
                        expression = "coalesce(strftime(coalesce(try_strptime(" + v + ", '%Y-%m-%d'), try_strptime(" + v
                                + ", '%m/%d/%Y'), try_strptime(" + v + ", '%d.%m.%Y'), try_strptime(" + v
                                + ", '%Y/%m/%d'), try_strptime(" + v + ", '%d %b %Y'), try_strptime(" + v
                                + ", '%b %d, %Y')), '%Y-%m-%d'), " + expression + ")";
                    }
                    text.add(expression + " AS " + id);
                    if (!expression.equals(id)) {
                        changed.put(column.name(), 0L);
                    }
                }
                var transformed = stage(
                        connection,
                        tables,
                        "t1_" + suffix,
                        "SELECT __row, " + String.join(", ", text) + " FROM " + current);
                for (var name : changed.keySet()) {
                    changed.put(name, differing(connection, current, transformed, name));
                }
                summary.put("valuesChanged", changed);
                progress.update(35, "Trimmed, recased and standardised " + changed.size() + " columns");

                var filled = new LinkedHashMap<String, Long>();
                var fills = new ArrayList<String>();
                var drops = new ArrayList<String>();
                var parameters = new ArrayList<Object>();
                for (var column : columns) {
                    var id = Sql.identifier(column.name());
                    var fill = spec.fillsOrEmpty().stream()
                            .filter(f -> f.column().equals(column.name()))
                            .findFirst()
                            .orElse(null);
                    if (fill == null) {
                        fills.add(id);
                        continue;
                    }
                    filled.put(column.name(), count(connection, transformed, id + " IS NULL"));
                    switch (fill.strategy().toLowerCase(Locale.ROOT)) {
                        case "mean" -> fills.add("coalesce(" + id + ", avg(" + id + ") OVER ()) AS " + id);
                        case "median" -> fills.add("coalesce(" + id + ", median(" + id + ") OVER ()) AS " + id);
                        case "mode" -> fills.add("coalesce(" + id + ", mode(" + id + ") OVER ()) AS " + id);
                        case "previous" ->
                            fills.add("coalesce(" + id + ", last_value(" + id
                                    + " IGNORE NULLS) OVER (ORDER BY __row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS "
                                    + id);
                        case "constant" -> {
                            fills.add("coalesce(" + id + ", TRY_CAST(? AS "
                                    + column.type().sqlType() + ")) AS " + id);
                            parameters.add(fill.value());
                        }
                        case "drop" -> {
                            fills.add(id);
                            drops.add(id + " IS NOT NULL");
                        }
                        default -> throw new IllegalStateException("checked above");
                    }
                }
                var filledTable = "t2_" + suffix;
                try (var statement =
                        connection.prepareStatement("CREATE TEMP TABLE " + filledTable + " AS SELECT __row, "
                                + String.join(", ", fills) + " FROM " + transformed
                                + (drops.isEmpty() ? "" : " WHERE " + String.join(" AND ", drops)))) {
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                    }
                    statement.execute();
                }
                tables.add(filledTable);
                summary.put("valuesFilled", filled);
                summary.put("rowsDropped", count(connection, transformed) - count(connection, filledTable));
                progress.update(55, "Filled missing values in " + filled.size() + " columns");

                var deduplicated = filledTable;
                if (spec.deduplicate() != null) {
                    var key = spec.deduplicate().key() == null
                                    || spec.deduplicate().key().isEmpty()
                            ? columns.stream()
                                    .map(c -> Sql.identifier(c.name()))
                                    .toList()
                            : spec.deduplicate().key().stream()
                                    .map(Sql::identifier)
                                    .toList();
                    var order = "last".equals(spec.deduplicate().keep()) ? "DESC" : "ASC";
                    deduplicated = stage(
                            connection,
                            tables,
                            "t3_" + suffix,
                            "SELECT * FROM " + filledTable + " QUALIFY row_number() OVER (PARTITION BY "
                                    + String.join(", ", key) + " ORDER BY __row " + order + ") = 1");
                }
                summary.put("duplicatesRemoved", count(connection, filledTable) - count(connection, deduplicated));
                long after = count(connection, deduplicated);
                summary.put("rowsAfter", after);
                progress.update(75, "Removed duplicates; " + after + " rows remain");

                var names = columns.stream().map(c -> Sql.identifier(c.name())).collect(Collectors.joining(", "));
                try (var statement = connection.createStatement()) {
                    statement.execute("COPY (SELECT " + names + " FROM " + deduplicated + " ORDER BY __row) TO "
                            + Sql.literal(target.toAbsolutePath().toString()) + " (HEADER, DELIMITER ',')");
                }
                progress.update(90, "Wrote the cleaned rows");
                return summary;
            } finally {
                try (var statement = connection.createStatement()) {
                    for (var table : tables) {
                        statement.execute("DROP TABLE IF EXISTS " + table);
                    }
                }
            }
        });
    }

    private static String stage(Connection connection, List<String> tables, String name, String select)
            throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + name + " AS " + select);
        }
        tables.add(name);
        return name;
    }

    private static long count(Connection connection, String table) throws SQLException {
        return count(connection, table, "TRUE");
    }

    private static long count(Connection connection, String table, String where) throws SQLException {
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long differing(Connection connection, String before, String after, String column)
            throws SQLException {
        var id = Sql.identifier(column);
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*) FROM " + before + " b JOIN " + after
                        + " a USING (__row) WHERE CAST(b." + id + " AS VARCHAR) IS DISTINCT FROM CAST(a." + id
                        + " AS VARCHAR)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
