package dev.foresight.insights.internal;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Benchmark, not a test: {@code ./benchmarks/run insights [--rows N]}. Writes a retail-like Parquet file (5,000,000
 * rows by default: three years of daily sales of ten stores, six categories, two channels, with a trend and a weekly
 * season), then profiles it and generates its insights exactly as a run does, and, as the reference in the same run,
 * DuckDB's own {@code SUMMARIZE} of the same file.
 */
public final class InsightsBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = 5_000_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rows")) {
                rows = Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        var work = Path.of("target", "benchmarks", "insights");
        Files.createDirectories(work);
        var parquet = work.resolve("sales-" + rows + ".parquet").toAbsolutePath();
        var columns = List.of(
                new DatasetColumn("date", ColumnType.DATE, ColumnRole.TIME, 1),
                new DatasetColumn("store", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
                new DatasetColumn("category", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
                new DatasetColumn("channel", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
                new DatasetColumn("units", ColumnType.INTEGER, ColumnRole.MEASURE, 1),
                new DatasetColumn("unit_price", ColumnType.DECIMAL, ColumnRole.MEASURE, 1),
                new DatasetColumn("revenue", ColumnType.DECIMAL, ColumnRole.MEASURE, 1));
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement()) {
            if (!Files.exists(parquet)) {
                statement.execute("SELECT setseed(0.42)");
                statement.execute("COPY (SELECT *, round(units * unit_price, 2) AS revenue FROM (SELECT DATE"
                        + " '2023-01-01' + CAST(i % 1095 AS INTEGER) AS date, 'S' || CAST((i // 1095) % 10 AS"
                        + " VARCHAR) AS store, ['Grocery', 'Electronics', 'Apparel', 'Home', 'Toys',"
                        + " 'Beauty'][CAST(1 + (i // 10950) % 6 AS INTEGER)] AS category, CASE WHEN random() < 0.3"
                        + " THEN 'online' ELSE 'store' END AS channel, CAST(greatest(0, round(40 * (1 + 0.3 * (i %"
                        + " 1095) / 1095.0) * (CASE WHEN dayofweek(DATE '2023-01-01' + CAST(i % 1095 AS INTEGER)) IN"
                        + " (0, 6) THEN 1.3 ELSE 1 END) * (0.8 + 0.4 * random()))) AS BIGINT) AS units, round(20 *"
                        + " (0.9 + 0.2 * random()), 2) AS unit_price FROM range(" + rows + ") t(i))) TO '"
                        + parquet + "' (FORMAT PARQUET)");
            }
            var table = "read_parquet('" + parquet + "')";
            int threads = Runtime.getRuntime().availableProcessors();
            statement.execute("SET threads = " + threads);
            System.out.printf(Locale.ROOT, "file=%s rows=%d threads=%d%n", parquet, rows, threads);

            // The reference: DuckDB's own profile of every column, one statement.
            long start = System.nanoTime();
            try (var rs = statement.executeQuery("SUMMARIZE SELECT * FROM " + table)) {
                while (rs.next()) {
                    // read it all
                }
            }
            double summarize = (System.nanoTime() - start) / 1e9;

            var scan = new DatasetScan(UUID.randomUUID(), "Sales", UUID.randomUUID(), rows, columns, table, connection);
            var properties = new InsightsProperties(12, 66, 4, 5, 20_000, 40, 0.05);
            start = System.nanoTime();
            var profile = new Profiler().profile(scan);
            double profiling = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            var generated = new InsightGenerator(properties).generate(scan, profile, (percent, message) -> {});
            double generating = (System.nanoTime() - start) / 1e9;

            generated.insights().stream()
                    .limit(12)
                    .forEach(d -> System.out.printf(Locale.ROOT, "  %.2f %s: %s%n", d.score(), d.type(), d.sentence()));
            generated.notes().forEach(note -> System.out.println("  note: " + note));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT rows=%d profile_s=%.2f insights_s=%.2f total_s=%.2f duckdb_summarize_s=%.2f ratio=%.2f"
                            + " insights=%d%n",
                    rows,
                    profiling,
                    generating,
                    profiling + generating,
                    summarize,
                    (profiling + generating) / summarize,
                    generated.insights().size());
        }
    }
}
