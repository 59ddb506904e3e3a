package dev.foresight.datasets.query;

import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.internal.Sql;
import dev.foresight.shared.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link QuerySpec} into parameterised DuckDB SQL over one version's schema. Column names reach the SQL only
 * after they matched the schema, quoted; aggregations, operators and grains come from fixed lists; every value the
 * caller sent is a bound parameter, checked against the column's type first. Mistakes are answered with a sentence
 * that says what to send instead.
 */
public final class QueryCompiler {

    static final int MAX_MEASURES = 20;
    static final int MAX_DIMENSIONS = 6;
    static final int MAX_FILTERS = 50;
    static final int MAX_IN_VALUES = 1000;

    enum Agg {
        SUM,
        AVG,
        MIN,
        MAX,
        COUNT,
        COUNT_DISTINCT,
        MEDIAN,
        PERCENTILE,
        SHARE;

        static String names() {
            return Arrays.stream(values())
                    .map(a -> a.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
    }

    enum TimeGrain {
        HOUR,
        DAY,
        WEEK,
        MONTH,
        QUARTER,
        YEAR
    }

    private static final Map<String, String> COMPARISONS =
            Map.of("eq", "=", "ne", "<>", "lt", "<", "le", "<=", "gt", ">", "ge", ">=");
    private static final String OPS = "eq, ne, lt, le, gt, ge, in, between, contains, is_null";

    private final String datasetName;
    private final List<DatasetColumn> columns;
    private final String table;
    private final int maxRows;

    /**
     * @param table the version's rows as a table expression of Foresight's own (never user text)
     * @param maxRows the most rows one query answers; a larger limit is capped, and the answer says so
     */
    public QueryCompiler(String datasetName, List<DatasetColumn> columns, String table, int maxRows) {
        this.datasetName = datasetName;
        this.columns = columns;
        this.table = table;
        this.maxRows = maxRows;
    }

    public CompiledQuery compile(QuerySpec spec) {
        var measures = spec.measuresOrEmpty();
        var dimensions = spec.dimensionsOrEmpty();
        var filters = spec.filtersOrEmpty();
        if (measures.isEmpty() && dimensions.isEmpty()) {
            throw new InvalidRequestException("A query needs at least one measure or one dimension.");
        }
        if (measures.size() > MAX_MEASURES || dimensions.size() > MAX_DIMENSIONS || filters.size() > MAX_FILTERS) {
            throw new InvalidRequestException("A query has at most " + MAX_MEASURES + " measures, " + MAX_DIMENSIONS
                    + " dimensions and " + MAX_FILTERS + " filters.");
        }
        var grain = grain(spec.timeGrain());
        var parameters = new ArrayList<Object>();
        var select = new ArrayList<String>();
        var names = new ArrayList<String>();

        var groupBy = new ArrayList<String>();
        for (var name : dimensions) {
            var column = column(name, "dimension");
            var expression = Sql.identifier(column.name());
            if (grain != null && column.type().isTemporal()) {
                expression = truncate(expression, column.type(), grain);
            }
            select.add(expression + " AS " + Sql.identifier(column.name()));
            groupBy.add(expression);
            addName(names, column.name());
        }
        for (var measure : measures) {
            var compiled = measure(measure, parameters);
            select.add(compiled[0] + " AS " + Sql.identifier(compiled[1]));
            addName(names, compiled[1]);
        }

        var where = new ArrayList<String>();
        for (var filter : filters) {
            where.add(filter(filter, parameters));
        }

        var sql = new StringBuilder("SELECT ")
                .append(String.join(", ", select))
                .append(" FROM ")
                .append(table);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        if (!groupBy.isEmpty() && !measures.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupBy));
        } else if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY ALL");
        }
        sql.append(orderBy(spec.sort(), names, dimensions));

        String notice = null;
        int limit = maxRows;
        if (spec.limit() != null) {
            if (spec.limit() < 1) {
                throw new InvalidRequestException("limit must be at least 1; it was " + spec.limit() + ".");
            }
            if (spec.limit() > maxRows) {
                notice = "The limit " + spec.limit() + " was capped at " + maxRows
                        + " rows, the most one query answers.";
            } else {
                limit = spec.limit();
            }
        }
        sql.append(" LIMIT ").append(limit + 1);
        return new CompiledQuery(sql.toString(), List.copyOf(parameters), List.copyOf(names), limit, notice);
    }

    private static void addName(List<String> names, String name) {
        if (names.contains(name)) {
            throw new InvalidRequestException(
                    "Two result columns would both be named '" + name + "'; ask for each dimension and measure once.");
        }
        names.add(name);
    }

    private static @Nullable TimeGrain grain(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TimeGrain.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "timeGrain '" + text + "' is not one of hour, day, week, month, quarter, year.");
        }
    }

    private static String truncate(String expression, ColumnType type, TimeGrain grain) {
        // The grain comes from the enum, never from the caller's text.
        var part = Sql.literal(grain.name().toLowerCase(Locale.ROOT));
        if (type == ColumnType.DATE) {
            return grain == TimeGrain.HOUR || grain == TimeGrain.DAY
                    ? expression
                    : "CAST(date_trunc(" + part + ", " + expression + ") AS DATE)";
        }
        return "date_trunc(" + part + ", " + expression + ")";
    }

    /** The SQL and the result column name of one measure. */
    private String[] measure(QuerySpec.Measure measure, List<Object> parameters) {
        var agg = agg(measure.agg());
        if (agg == Agg.COUNT && (measure.column() == null || measure.column().isBlank())) {
            return new String[] {"count(*)", "count"};
        }
        if (measure.column() == null || measure.column().isBlank()) {
            throw new InvalidRequestException("A " + agg.name().toLowerCase(Locale.ROOT) + " measure needs a column.");
        }
        var column = column(measure.column(), "measure");
        var id = Sql.identifier(column.name());
        var type = column.type();
        var name = agg.name().toLowerCase(Locale.ROOT) + "_" + column.name();
        var sql =
                switch (agg) {
                    case SUM -> "sum(" + numeric(id, column, agg) + ")";
                    case AVG -> "avg(" + numeric(id, column, agg) + ")";
                    case MIN -> "min(" + id + ")";
                    case MAX -> "max(" + id + ")";
                    case COUNT -> "count(" + id + ")";
                    case COUNT_DISTINCT -> "count(DISTINCT " + id + ")";
                    case MEDIAN ->
                        type.isTemporal()
                                ? "quantile_disc(" + id + ", 0.5)"
                                : "median(" + numeric(id, column, agg) + ")";
                    case PERCENTILE -> {
                        var p = measure.p();
                        if (p == null || !(p > 0 && p < 1)) {
                            throw new InvalidRequestException("A percentile of '" + column.name()
                                    + "' needs \"p\" between 0 and 1 (exclusive), e.g. 0.9.");
                        }
                        // p is a checked double, written as a number: DuckDB wants a constant here.
                        yield type.isTemporal()
                                ? "quantile_disc(" + id + ", " + p + ")"
                                : "quantile_cont(" + numeric(id, column, agg) + ", " + p + ")";
                    }
                    case SHARE -> {
                        if (measure.value() == null) {
                            throw new InvalidRequestException("A share of '" + column.name()
                                    + "' needs the \"value\" whose share of rows it counts, e.g. \"DENIED\".");
                        }
                        parameters.add(value(column, measure.value(), "share"));
                        yield "avg(CASE WHEN " + id + " = " + placeholder(column) + " THEN 1.0 ELSE 0.0 END)";
                    }
                };
        return new String[] {sql, name};
    }

    private static String numeric(String id, DatasetColumn column, Agg agg) {
        if (!column.type().isNumeric()) {
            throw new InvalidRequestException("Cannot take the " + agg.name().toLowerCase(Locale.ROOT) + " of '"
                    + column.name() + "': it holds " + column.type().name().toLowerCase(Locale.ROOT)
                    + " values. Use count, count_distinct, min or max, or a numeric column.");
        }
        return id;
    }

    private static Agg agg(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("A measure needs \"agg\": one of " + Agg.names() + ".");
        }
        try {
            return Agg.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Aggregation '" + text + "' is not one of " + Agg.names() + ".");
        }
    }

    private String filter(QuerySpec.Filter filter, List<Object> parameters) {
        if (filter.column() == null || filter.op() == null) {
            throw new InvalidRequestException("A filter needs \"column\" and \"op\" (one of " + OPS + ").");
        }
        var column = column(filter.column(), "filter");
        var id = Sql.identifier(column.name());
        var op = filter.op().strip().toLowerCase(Locale.ROOT);
        var value = filter.value();
        var comparison = COMPARISONS.get(op);
        if (comparison != null) {
            parameters.add(value(column, value, op));
            return id + " " + comparison + " " + placeholder(column);
        }
        return switch (op) {
            case "in" -> {
                if (!(value instanceof Collection<?> values) || values.isEmpty() || values.size() > MAX_IN_VALUES) {
                    throw new InvalidRequestException("Filter 'in' on '" + column.name()
                            + "' needs \"value\" as an array of 1 to " + MAX_IN_VALUES + " values.");
                }
                var marks = new ArrayList<String>();
                for (var each : values) {
                    parameters.add(value(column, each, "in"));
                    marks.add(placeholder(column));
                }
                yield id + " IN (" + String.join(", ", marks) + ")";
            }
            case "between" -> {
                if (!(value instanceof List<?> bounds) || bounds.size() != 2) {
                    throw new InvalidRequestException(
                            "Filter 'between' on '" + column.name() + "' needs \"value\" as [low, high].");
                }
                parameters.add(value(column, bounds.get(0), "between"));
                parameters.add(value(column, bounds.get(1), "between"));
                yield id + " BETWEEN " + placeholder(column) + " AND " + placeholder(column);
            }
            case "contains" -> {
                if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
                    throw new InvalidRequestException(
                            "Filter 'contains' on '" + column.name() + "' needs \"value\" as text.");
                }
                parameters.add(value.toString());
                yield "contains(lower(CAST(" + id + " AS VARCHAR)), lower(CAST(? AS VARCHAR)))";
            }
            case "is_null" -> Boolean.FALSE.equals(value) ? id + " IS NOT NULL" : id + " IS NULL";
            default -> throw new InvalidRequestException("Filter op '" + filter.op() + "' is not one of " + OPS + ".");
        };
    }

    /** A placeholder cast to the column's type, so DuckDB compares like with like. */
    private static String placeholder(DatasetColumn column) {
        // Numbers are compared as decimals, so 2.5 against an integer column means 2.5, not an error.
        return "CAST(? AS "
                + (column.type().isNumeric() ? "DECIMAL(38,6)" : column.type().sqlType()) + ")";
    }

    /** The caller's value, checked against the column's type; it is bound, never written into the SQL. */
    private static Object value(DatasetColumn column, @Nullable Object value, String op) {
        if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
            throw new InvalidRequestException("'" + op + "' on '" + column.name() + "' needs a single "
                    + describe(column.type()) + " as \"value\"" + (value == null ? "." : ", not " + value + "."));
        }
        var text = value.toString().strip();
        try {
            return switch (column.type()) {
                case INTEGER, DECIMAL -> value instanceof Number number ? number : new BigDecimal(text);
                case BOOLEAN -> {
                    if (value instanceof Boolean b) {
                        yield b;
                    }
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException();
                    }
                    yield Boolean.parseBoolean(text);
                }
                case DATE -> LocalDate.parse(text).toString();
                case TIMESTAMP ->
                    (text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text)).toString();
                case TEXT -> value.toString();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidRequestException("'" + op + "' on '" + column.name() + "' needs a "
                    + describe(column.type()) + "; '" + abbreviate(text) + "' is not one.");
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "'" + op + "' on '" + column.name() + "' needs true or false; '" + abbreviate(text) + "' is not.");
        }
    }

    private static String describe(ColumnType type) {
        return switch (type) {
            case INTEGER, DECIMAL -> "number";
            case BOOLEAN -> "true or false";
            case DATE -> "date (YYYY-MM-DD)";
            case TIMESTAMP -> "timestamp (YYYY-MM-DDTHH:MM:SS)";
            case TEXT -> "text";
        };
    }

    private String orderBy(@Nullable String sort, List<String> names, List<String> dimensions) {
        if (sort == null || sort.isBlank()) {
            return dimensions.isEmpty()
                    ? ""
                    : " ORDER BY "
                            + names.subList(0, dimensions.size()).stream()
                                    .map(n -> Sql.identifier(n) + " ASC NULLS LAST")
                                    .collect(Collectors.joining(", "));
        }
        var descending = sort.startsWith("-");
        var name = descending ? sort.substring(1) : sort.startsWith("+") ? sort.substring(1) : sort;
        if (!names.contains(name)) {
            throw new InvalidRequestException("sort '" + abbreviate(sort) + "' names no result column; sort by one of "
                    + names + (descending ? "" : ", with - in front for descending") + ".");
        }
        var order = new ArrayList<String>();
        order.add(Sql.identifier(name) + (descending ? " DESC" : " ASC") + " NULLS LAST");
        // The dimensions break ties, so the same query always answers the same rows in the same order.
        for (var dimension : names.subList(0, dimensions.size())) {
            if (!dimension.equals(name)) {
                order.add(Sql.identifier(dimension) + " ASC NULLS LAST");
            }
        }
        return " ORDER BY " + String.join(", ", order);
    }

    private DatasetColumn column(String name, String role) {
        for (var column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        var all = columns.stream().map(DatasetColumn::name).toList();
        var suggestion = closest(name, all);
        throw new InvalidRequestException("Dataset '" + datasetName + "' has no column '" + abbreviate(name)
                + "' (in a "
                + role + ")." + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?") + " Its columns are "
                + all + ".");
    }

    /** The column name within a few edits of what the caller wrote, ignoring case, if one is that close. */
    static @Nullable String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        var wanted = name.toLowerCase(Locale.ROOT);
        for (var candidate : new LinkedHashSet<>(candidates)) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Levenshtein distance, for short names: two rows of the classic table. */
    private static int distance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) {
            return Integer.MAX_VALUE;
        }
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
