package dev.foresight.drift.internal;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import dev.foresight.drift.MonitorDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Benchmark, not a test: {@code ./benchmarks/run drift [--rows N]}. Writes a claims-like Parquet file (8 payers, nine
 * weeks of dates), runs a monitor with 8 segments × 4 metrics (denial rate, paid amount of paid claims, volume,
 * procedure mix; last week against the eight before) through Foresight's analysis, and, in the same run, the
 * equivalent aggregation written by hand in DuckDB: the same counts, moments, quantile functions, category counts
 * and period counts per payer and window. The best of three rounds counts for each.
 */
public final class DriftBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = 5_000_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rows")) {
                rows = Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        var work = Path.of("target", "benchmarks", "drift");
        Files.createDirectories(work);
        var parquet = work.resolve("claims-" + rows + ".parquet").toAbsolutePath();
        int threads = Runtime.getRuntime().availableProcessors();
        try (var connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET threads = " + threads);
                if (!Files.exists(parquet)) {
                    generate(connection, parquet, rows);
                }
            }
            var columns = List.of(
                    new DatasetColumn("claim_id", ColumnType.TEXT, ColumnRole.IDENTIFIER, 1),
                    new DatasetColumn("payer", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
                    new DatasetColumn("date_of_service", ColumnType.DATE, ColumnRole.TIME, 1),
                    new DatasetColumn("cpt_code", ColumnType.TEXT, ColumnRole.SEGMENT, 1),
                    new DatasetColumn("paid_amount", ColumnType.DECIMAL, ColumnRole.MEASURE, 1),
                    new DatasetColumn("status", ColumnType.TEXT, ColumnRole.SEGMENT, 1));
            var table = "read_parquet('" + parquet + "')";
            var scan = new DatasetScan(
                    UUID.randomUUID(), "Benchmark", UUID.randomUUID(), rows, columns, table, connection);
            var definition = new MonitorDefinition(
                    "Benchmark",
                    "benchmark",
                    "date_of_service",
                    List.of("payer"),
                    DemoDriftMonitor.METRICS,
                    "P8W",
                    "P1W",
                    null,
                    null,
                    null);
            double driftSeconds = Double.MAX_VALUE;
            double duckdbSeconds = Double.MAX_VALUE;
            int pairs = 0;
            long drifted = 0;
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                var outcome = new DriftAnalysis(new DriftProperties(0.05, 30, 1000, 20_000).settings(null))
                        .run(definition, scan, null, Period.ofWeeks(8), Period.ofWeeks(1), percent -> {});
                double drift = (System.nanoTime() - start) / 1e9;
                pairs = outcome.results().size();
                drifted = outcome.results().stream().filter(r -> r.drifted()).count();
                double reference = reference(connection, table);
                driftSeconds = Math.min(driftSeconds, drift);
                duckdbSeconds = Math.min(duckdbSeconds, reference);
                System.out.printf(
                        Locale.ROOT,
                        "round=%d drift_s=%.2f duckdb_s=%.2f status=%s pairs=%d drifted=%d%n",
                        round,
                        drift,
                        reference,
                        outcome.status(),
                        pairs,
                        drifted);
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT rows=%d pairs=%d drift_s=%.2f duckdb_s=%.2f ratio=%.2f drifted=%d%n",
                    rows,
                    pairs,
                    driftSeconds,
                    duckdbSeconds,
                    driftSeconds / duckdbSeconds,
                    drifted);
        }
    }

    /** Nine weeks of claims ending 2026-03-04; Cigna's denial rate triples in the last week. */
    private static void generate(Connection connection, Path parquet, long rows) throws Exception {
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT setseed(0.42)");
            statement.execute(
                    """
                    COPY (
                      SELECT 'C' || i AS claim_id, payer, day AS date_of_service, cpt_code,
                             CASE WHEN status = 'PAID' THEN round(exp(4.5 + 0.8 * sqrt(-2 * ln(random())) * cos(2 * pi() * random())), 2)
                                  WHEN status = 'DENIED' THEN 0.0 END AS paid_amount,
                             status
                      FROM (
                        SELECT i, payer, day, cpt_code,
                               CASE WHEN r < (CASE WHEN payer = 'Cigna' AND day > DATE '2026-02-25' THEN 0.3 ELSE 0.1 END) THEN 'DENIED'
                                    WHEN r < 0.95 THEN 'PAID' ELSE 'PENDING' END AS status
                        FROM (
                          SELECT i,
                                 ['Aetna','Cigna','UnitedHealthcare','Humana','Kaiser','BlueCross','Anthem','Medicare'][1 + (hash(i) % 8)::INT] AS payer,
                                 DATE '2026-03-04' - (hash(i * 31) % 63)::INT AS day,
                                 (99200 + hash(i * 17) % 20)::VARCHAR AS cpt_code,
                                 random() AS r
                          FROM range(ROWS) t(i))))
                    TO 'PATH' (FORMAT parquet, COMPRESSION zstd)"""
                            .replace("ROWS", Long.toString(rows))
                            .replace("PATH", parquet.toString()));
        }
    }

    /** The same summaries as the monitor's analysis, written by hand: four aggregate queries. */
    private static double reference(Connection connection, String table) throws Exception {
        var probabilities = IntStream.range(0, 500)
                .mapToObj(i -> Double.toString((i + 0.5) / 500))
                .collect(Collectors.joining(", ", "[", "]"));
        var window = "CASE WHEN date_of_service > DATE '2026-02-25' THEN 1 ELSE 0 END";
        var range = " WHERE date_of_service > DATE '2025-12-31' AND date_of_service <= DATE '2026-03-04'";
        var queries = List.of(
                "SELECT payer, " + window + " w, count(*), count(*) FILTER (WHERE status = 'DENIED') FROM " + table
                        + range + " GROUP BY ALL",
                "SELECT payer, " + window + " w, count(paid_amount), avg(paid_amount), stddev_pop(paid_amount),"
                        + " min(paid_amount), max(paid_amount), quantile_cont(paid_amount, " + probabilities + ") FROM "
                        + table + range + " AND status = 'PAID' AND paid_amount IS NOT NULL GROUP BY ALL",
                "SELECT payer, " + window + " w, CASE WHEN date_of_service > DATE '2026-02-25' THEN 0 ELSE"
                        + " (DATE '2026-02-25' - date_of_service) // 7 END p, count(*) FROM " + table + range
                        + " GROUP BY ALL",
                "SELECT payer, " + window + " w, cpt_code, count(*) FROM " + table + range + " GROUP BY ALL");
        long start = System.nanoTime();
        long seen = 0;
        for (var sql : queries) {
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                while (result.next()) {
                    seen += result.getLong(3);
                }
            }
        }
        if (seen == 0) {
            throw new IllegalStateException("The reference read nothing.");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
