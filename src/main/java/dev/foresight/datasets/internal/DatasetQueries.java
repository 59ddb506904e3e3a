package dev.foresight.datasets.internal;

import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.RowPage;
import dev.foresight.datasets.RowQuery;
import dev.foresight.datasets.rules.RuleType;
import dev.foresight.datasets.rules.ValidationRule;
import dev.foresight.shared.CsvWriter;
import dev.foresight.shared.InvalidRequestException;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads a version's Parquet with DuckDB: pages of rows with sorting, filters and search, and exports. Column names are
 * checked against the schema and quoted; every value is a bound parameter.
 */
@Component
public class DatasetQueries {

    private static final Map<String, String> OPERATORS =
            Map.of("eq", "=", "ne", "<>", "lt", "<", "le", "<=", "gt", ">", "ge", ">=");

    private final DuckDbEngine duckdb;

    DatasetQueries(DuckDbEngine duckdb) {
        this.duckdb = duckdb;
    }

    private record Where(String sql, List<Object> parameters) {}

    public RowPage rows(Path parquet, List<DatasetColumn> columns, RowQuery query) {
        var where = where(columns, query);
        var order = orderBy(columns, query.sort());
        var source = "read_parquet(" + Sql.literal(parquet.toAbsolutePath().toString()) + ")";
        return duckdb.withConnection(connection -> {
            long total;
            try (var statement = connection.prepareStatement("SELECT count(*) FROM " + source + where.sql())) {
                bind(statement, where.parameters());
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            var rows = new ArrayList<List<@Nullable Object>>();
            try (var statement = connection.prepareStatement(
                    "SELECT * FROM " + source + where.sql() + order + " LIMIT ? OFFSET ?")) {
                var parameters = new ArrayList<>(where.parameters());
                parameters.add(query.limit());
                parameters.add(query.offset());
                bind(statement, parameters);
                try (var rs = statement.executeQuery()) {
                    int width = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        var row = new ArrayList<@Nullable Object>(width);
                        for (int i = 1; i <= width; i++) {
                            row.add(jsonValue(rs.getObject(i)));
                        }
                        rows.add(row);
                    }
                }
            }
            return new RowPage(columns.stream().map(DatasetColumn::name).toList(), rows, total);
        });
    }

    public void export(Path parquet, List<DatasetColumn> columns, RowQuery query, Writer out) {
        var where = where(columns, query);
        var order = orderBy(columns, query.sort());
        var source = "read_parquet(" + Sql.literal(parquet.toAbsolutePath().toString()) + ")";
        duckdb.withConnection(connection -> {
            try (var statement = connection.prepareStatement("SELECT * FROM " + source + where.sql() + order)) {
                bind(statement, where.parameters());
                var csv = new CsvWriter(out);
                csv.row(columns.stream().map(DatasetColumn::name).toList());
                try (var rs = statement.executeQuery()) {
                    int width = rs.getMetaData().getColumnCount();
                    var row = new ArrayList<@Nullable Object>(width);
                    while (rs.next()) {
                        row.clear();
                        for (int i = 1; i <= width; i++) {
                            row.add(rs.getObject(i));
                        }
                        csv.row(row);
                    }
                }
            }
            return null;
        });
    }

    /**
     * Writes the current rows (as text) followed by pushed NDJSON records as one CSV: the source of a push version.
     * Keys that are not columns are dropped; missing ones are empty. Without a current version the records' own keys
     * make the columns.
     */
    public void combine(@Nullable Path currentParquet, List<DatasetColumn> columns, Path ndjson, Path target) {
        var records = "read_json(" + Sql.literal(ndjson.toAbsolutePath().toString()) + ", format = 'newline_delimited'";
        String select;
        if (currentParquet == null || columns.isEmpty()) {
            select = "SELECT * FROM " + records + ")";
        } else {
            var types = columns.stream()
                    .map(c -> Sql.literal(c.name()) + ": 'VARCHAR'")
                    .collect(Collectors.joining(", "));
            select = "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet("
                    + Sql.literal(currentParquet.toAbsolutePath().toString()) + ") UNION ALL BY NAME SELECT * FROM "
                    + records + ", columns = {" + types + "})";
        }
        duckdb.withConnection(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("COPY (" + select + ") TO "
                        + Sql.literal(target.toAbsolutePath().toString()) + " (HEADER, DELIMITER ',')");
            }
            return null;
        });
    }

    /** Refuses regular expressions DuckDB (RE2) cannot compile, before they are saved. */
    public void checkPatterns(List<ValidationRule> rules) {
        for (var rule : rules) {
            if (rule.type() == RuleType.REGEX && rule.pattern() != null) {
                try {
                    duckdb.withConnection(connection -> {
                        try (var statement = connection.prepareStatement("SELECT regexp_matches('', ?)")) {
                            statement.setString(1, rule.pattern());
                            statement.executeQuery().close();
                        }
                        return null;
                    });
                } catch (DuckDbEngine.DuckDbException invalid) {
                    throw new InvalidRequestException("The pattern of the regex rule on '" + rule.column()
                            + "' is not valid: " + invalid.getMessage());
                }
            }
        }
    }

    private Where where(List<DatasetColumn> columns, RowQuery query) {
        Map<String, DatasetColumn> byName =
                columns.stream().collect(Collectors.toMap(DatasetColumn::name, Function.identity(), (a, b) -> a));
        var clauses = new ArrayList<String>();
        var parameters = new ArrayList<Object>();
        for (var filter : query.filters()) {
            var parts = filter.split(":", 3);
            if (parts.length < 2) {
                throw new InvalidRequestException(
                        "A filter reads column:op:value, e.g. status:eq:PAID; got '" + filter + "'.");
            }
            var column = byName.get(parts[0]);
            if (column == null) {
                throw new InvalidRequestException("There is no column '" + parts[0] + "' to filter on.");
            }
            var identifier = Sql.identifier(column.name());
            var op = parts[1];
            if (op.equals("empty")) {
                clauses.add(identifier + " IS NULL");
                continue;
            }
            if (parts.length < 3) {
                throw new InvalidRequestException("The filter '" + filter + "' needs a value.");
            }
            if (op.equals("contains")) {
                clauses.add("CAST(" + identifier + " AS VARCHAR) ILIKE '%' || ? || '%'");
                parameters.add(parts[2]);
            } else if (OPERATORS.containsKey(op)) {
                clauses.add(identifier + " " + OPERATORS.get(op) + " TRY_CAST(? AS "
                        + column.type().sqlType() + ")");
                parameters.add(parts[2]);
            } else {
                throw new InvalidRequestException(
                        "Unknown filter operator '" + op + "'; use one of eq, ne, lt, le, gt, ge, contains, empty.");
            }
        }
        if (query.search() != null && !query.search().isBlank()) {
            var text = columns.stream().filter(c -> c.type() == ColumnType.TEXT).toList();
            if (!text.isEmpty()) {
                clauses.add("("
                        + text.stream()
                                .map(c -> Sql.identifier(c.name()) + " ILIKE '%' || ? || '%'")
                                .collect(Collectors.joining(" OR "))
                        + ")");
                text.forEach(c -> parameters.add(query.search().strip()));
            }
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), parameters);
    }

    private static String orderBy(List<DatasetColumn> columns, @Nullable String sort) {
        if (sort == null || sort.isBlank()) {
            return "";
        }
        boolean descending = sort.startsWith("-");
        var name = descending ? sort.substring(1) : sort;
        if (columns.stream().noneMatch(c -> c.name().equals(name))) {
            throw new InvalidRequestException("There is no column '" + name + "' to sort by.");
        }
        return " ORDER BY " + Sql.identifier(name) + (descending ? " DESC" : " ASC") + " NULLS LAST";
    }

    private static void bind(java.sql.PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /** Dates and times as ISO text, so the JSON answer reads the same everywhere. */
    private static @Nullable Object jsonValue(@Nullable Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.time.temporal.TemporalAccessor temporal) {
            return temporal.toString();
        }
        return value;
    }
}
