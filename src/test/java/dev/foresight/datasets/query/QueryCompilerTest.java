package dev.foresight.datasets.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import dev.foresight.datasets.internal.DatasetProperties;
import dev.foresight.shared.InvalidRequestException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The compiler on its own, and its SQL run on a real in-memory DuckDB over a small claims table: values are bound,
 * names are checked, types are respected, limits are capped.
 */
class QueryCompilerTest {

    static final String TABLE =
            """
            (SELECT * FROM (VALUES
              ('Cigna', DATE '2026-01-05', 100.0, 'PAID', 3),
              ('Cigna', DATE '2026-01-06', 50.0, 'DENIED', 1),
              ('Aetna', DATE '2026-01-07', 70.0, 'PAID', 2),
              ('Aetna', DATE '2026-01-14', NULL, 'DENIED', 5),
              ('O''Hara', DATE '2026-01-15', 10.0, 'PAID', 1)
            ) t(payer, date_of_service, paid_amount, status, units))""";

    static final List<DatasetColumn> COLUMNS = List.of(
            new DatasetColumn("payer", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
            new DatasetColumn("date_of_service", ColumnType.DATE, ColumnRole.TIME, 1),
            new DatasetColumn("paid_amount", ColumnType.DECIMAL, ColumnRole.MEASURE, 1),
            new DatasetColumn("status", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
            new DatasetColumn("units", ColumnType.INTEGER, ColumnRole.MEASURE, 1));

    final QueryCompiler compiler = new QueryCompiler("Claims", COLUMNS, TABLE, 10_000);

    static QuerySpec spec(
            List<QuerySpec.Measure> measures,
            List<String> dimensions,
            @Nullable String grain,
            List<QuerySpec.Filter> filters,
            @Nullable String sort,
            @Nullable Integer limit) {
        return new QuerySpec(UUID.randomUUID(), measures, dimensions, grain, filters, sort, limit);
    }

    List<List<@Nullable Object>> run(QuerySpec spec) throws SQLException {
        var compiled = compiler.compile(spec);
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.prepareStatement(compiled.sql())) {
            for (int i = 0; i < compiled.parameters().size(); i++) {
                statement.setObject(i + 1, compiled.parameters().get(i).toString());
            }
            var rows = new ArrayList<List<@Nullable Object>>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    var row = new ArrayList<@Nullable Object>();
                    for (int c = 1; c <= compiled.columns().size(); c++) {
                        var value = rs.getObject(c);
                        row.add(value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Test
    void aggregatesByDimensionsAndWeeksWithResultColumnsNamedAfterTheirAggregation() throws SQLException {
        var spec = spec(
                List.of(
                        QuerySpec.Measure.of("paid_amount", "sum"),
                        QuerySpec.Measure.of(null, "count"),
                        new QuerySpec.Measure("status", "share", null, "DENIED")),
                List.of("payer", "date_of_service"),
                "week",
                List.of(),
                null,
                null);

        var compiled = compiler.compile(spec);
        assertThat(compiled.columns())
                .containsExactly("payer", "date_of_service", "sum_paid_amount", "count", "share_status");
        assertThat(run(spec))
                .containsExactly(
                        List.of("Aetna", "2026-01-05", "70.0", "1", "0.0"),
                        // the null amount is left out of the sum; the row still counts
                        java.util.Arrays.asList("Aetna", "2026-01-12", null, "1", "1.0"),
                        List.of("Cigna", "2026-01-05", "150.0", "2", "0.5"),
                        List.of("O'Hara", "2026-01-12", "10.0", "1", "0.0"));
    }

    @Test
    void everyAggregationAndSortDescending() throws SQLException {
        var spec = spec(
                List.of(
                        QuerySpec.Measure.of("units", "avg"),
                        QuerySpec.Measure.of("units", "min"),
                        QuerySpec.Measure.of("units", "max"),
                        QuerySpec.Measure.of("units", "median"),
                        new QuerySpec.Measure("units", "percentile", 0.75, null),
                        QuerySpec.Measure.of("payer", "count_distinct"),
                        QuerySpec.Measure.of("paid_amount", "count")),
                List.of("status"),
                null,
                List.of(),
                "-avg_units",
                null);
        assertThat(run(spec))
                .containsExactly(
                        List.of("DENIED", "3.0", "1", "5", "3.0", "4.0", "2", "1"),
                        List.of("PAID", "2.0", "1", "3", "2.0", "2.5", "3", "3"));
    }

    @Test
    void filtersOfEveryKindAreBoundNotWritten() throws SQLException {
        var filters = List.of(
                new QuerySpec.Filter("payer", "in", List.of("Cigna", "O'Hara")),
                new QuerySpec.Filter("date_of_service", "between", List.of("2026-01-01", "2026-01-31")),
                new QuerySpec.Filter("paid_amount", "ge", 10),
                new QuerySpec.Filter("status", "ne", "PENDING"),
                new QuerySpec.Filter("payer", "contains", "a"),
                new QuerySpec.Filter("paid_amount", "is_null", false));
        var spec = spec(List.of(QuerySpec.Measure.of(null, "count")), List.of("payer"), null, filters, null, null);

        var compiled = compiler.compile(spec);
        assertThat(compiled.sql().replace(TABLE, ""))
                .doesNotContain("Cigna")
                .doesNotContain("O''Hara")
                .doesNotContain("PENDING");
        assertThat(compiled.parameters()).hasSize(7);
        assertThat(run(spec)).containsExactly(List.of("Cigna", "2"), List.of("O'Hara", "1"));
    }

    @Test
    void sqlInAValueIsJustAValue() throws SQLException {
        var attack = "x' OR 1=1; DROP TABLE datasets; --";
        var spec = spec(
                List.of(QuerySpec.Measure.of(null, "count")),
                List.of(),
                null,
                List.of(new QuerySpec.Filter("payer", "eq", attack)),
                null,
                null);
        assertThat(compiler.compile(spec).sql()).doesNotContain("DROP");
        assertThat(run(spec)).containsExactly(List.of("0"));
    }

    @Test
    void sqlInAColumnNameIsRefusedAsAnUnknownColumn() {
        for (var attack : List.of("payer\" FROM x; DROP TABLE t; --", "payer); DROP TABLE t; --", "*", "1")) {
            assertThatThrownBy(() -> compiler.compile(
                            spec(List.of(QuerySpec.Measure.of(attack, "max")), List.of(), null, List.of(), null, null)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageNotContaining("SQL")
                    .satisfies(e -> assertThat(detail(e)).contains("has no column"));
            assertThatThrownBy(() -> compiler.compile(spec(
                            List.of(QuerySpec.Measure.of(null, "count")),
                            List.of(attack),
                            null,
                            List.of(),
                            null,
                            null)))
                    .satisfies(e -> assertThat(detail(e)).contains("has no column"));
        }
    }

    @Test
    void aMisspeltColumnGetsASuggestion() {
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of("paid_amout", "sum")), List.of(), null, List.of(), null, null)))
                .satisfies(e -> assertThat(detail(e))
                        .contains("no column 'paid_amout'")
                        .contains("Did you mean 'paid_amount'?")
                        .contains("[payer, date_of_service, paid_amount, status, units]"));
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of(null, "count")), List.of("Payer"), null, List.of(), null, null)))
                .satisfies(e -> assertThat(detail(e)).contains("Did you mean 'payer'?"));
        assertThat(QueryCompiler.closest("zzzzzz", List.of("payer", "status"))).isNull();
    }

    @Test
    void anAggregationThatDoesNotFitTheTypeIsRefusedPlainly() {
        for (var agg : List.of("sum", "avg", "median")) {
            assertThatThrownBy(() -> compiler.compile(
                            spec(List.of(QuerySpec.Measure.of("payer", agg)), List.of(), null, List.of(), null, null)))
                    .satisfies(e -> assertThat(detail(e))
                            .isEqualTo("Cannot take the " + agg
                                    + " of 'payer': it holds text values. Use count, count_distinct, min or max, or a"
                                    + " numeric column."));
        }
        assertThatThrownBy(() -> compiler.compile(
                        spec(List.of(QuerySpec.Measure.of("units", "total")), List.of(), null, List.of(), null, null)))
                .satisfies(e -> assertThat(detail(e)).contains("'total' is not one of sum, avg"));
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(new QuerySpec.Measure("units", "percentile", 1.5, null)),
                        List.of(),
                        null,
                        List.of(),
                        null,
                        null)))
                .satisfies(e -> assertThat(detail(e)).contains("needs \"p\" between 0 and 1"));
    }

    @Test
    void aValueThatDoesNotFitTheColumnIsRefusedBeforeDuckDbSeesIt() {
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of(null, "count")),
                        List.of(),
                        null,
                        List.of(new QuerySpec.Filter("paid_amount", "gt", "1; DROP TABLE t")),
                        null,
                        null)))
                .satisfies(e -> assertThat(detail(e)).contains("'gt' on 'paid_amount' needs a number"));
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of(null, "count")),
                        List.of(),
                        null,
                        List.of(new QuerySpec.Filter("date_of_service", "eq", "yesterday")),
                        null,
                        null)))
                .satisfies(e -> assertThat(detail(e)).contains("needs a date (YYYY-MM-DD)"));
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of(null, "count")),
                        List.of(),
                        null,
                        List.of(new QuerySpec.Filter("payer", "like", "C%")),
                        null,
                        null)))
                .satisfies(e -> assertThat(detail(e)).contains("Filter op 'like' is not one of eq, ne"));
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of(null, "count")),
                        List.of("payer"),
                        "fortnight",
                        List.of(),
                        null,
                        null)))
                .satisfies(e -> assertThat(detail(e)).contains("timeGrain 'fortnight' is not one of hour, day"));
        assertThatThrownBy(() -> compiler.compile(spec(
                        List.of(QuerySpec.Measure.of(null, "count")),
                        List.of("payer"),
                        null,
                        List.of(),
                        "-total",
                        null)))
                .satisfies(e -> assertThat(detail(e)).contains("sort by one of [payer, count]"));
    }

    @Test
    void aHugeLimitIsCappedAndTheAnswerSaysSo() {
        var compiled = compiler.compile(spec(
                List.of(QuerySpec.Measure.of(null, "count")), List.of("payer"), null, List.of(), null, 2_000_000_000));
        assertThat(compiled.limit()).isEqualTo(10_000);
        assertThat(compiled.notice())
                .isEqualTo("The limit 2000000000 was capped at 10000 rows, the most one query answers.");
        assertThat(compiled.sql()).endsWith(" LIMIT 10001");
        assertThatThrownBy(() -> compiler.compile(
                        spec(List.of(QuerySpec.Measure.of(null, "count")), List.of("payer"), null, List.of(), null, 0)))
                .satisfies(e -> assertThat(detail(e)).contains("limit must be at least 1"));
    }

    @Test
    void aRunawayQueryIsStoppedAtTheTimeoutAndTheConnectionStillWorks() throws Exception {
        var properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("foresight.datasets.query-timeout", "300ms")))
                .bindOrCreate("foresight.datasets", DatasetProperties.class);
        assertThat(properties.queryTimeout()).isEqualTo(Duration.ofMillis(300));
        var queries = new Queries(null, properties);
        var columns = List.of(new DatasetColumn("x", ColumnType.INTEGER, ColumnRole.MEASURE, 1));
        // A cross join of two large ranges: minutes of work for one median.
        var slow = "(SELECT a.range * b.range AS x FROM range(100000000) a, range(1000) b)";
        try (var connection = DriverManager.getConnection("jdbc:duckdb:")) {
            var scan = new DatasetScan(UUID.randomUUID(), "Big", UUID.randomUUID(), 0, columns, slow, connection);
            var spec = spec(List.of(QuerySpec.Measure.of("x", "median")), List.of(), null, List.of(), null, null);
            long start = System.nanoTime();
            assertThatThrownBy(() -> queries.execute(scan, spec))
                    .isInstanceOf(Queries.QueryTimedOutException.class)
                    .satisfies(
                            e -> assertThat(detail(e)).startsWith("The query ran longer than 300 ms and was stopped."));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

            var fast = new DatasetScan(
                    UUID.randomUUID(), "Small", UUID.randomUUID(), 0, columns, "(SELECT 2 AS x)", connection);
            var result = queries.execute(
                    fast, spec(List.of(QuerySpec.Measure.of("x", "sum")), List.of(), null, List.of(), null, null));
            assertThat(result.rows()).containsExactly(List.of(2L));
        } finally {
            queries.destroy();
        }
    }

    private static String detail(Throwable e) {
        return ((org.springframework.web.ErrorResponseException) e).getBody().getDetail();
    }
}
