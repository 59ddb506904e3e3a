package dev.foresight.datasets.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark, not a test: {@code ./benchmarks/run ingest [--rows N]}. Generates a claims-like CSV (10 columns), runs
 * Foresight's whole ingest path on it (prepare, parse, infer types, all default rules including PHI detection, Parquet,
 * rejected rows, quality report) and, in the same run, DuckDB's own CSV-to-Parquet copy of the same file.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = 5_000_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rows")) {
                rows = Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        var work = Path.of("target", "benchmarks", "ingest");
        Files.createDirectories(work);
        var csv = work.resolve("claims-" + rows + ".csv");
        if (!Files.exists(csv)) {
            generate(csv, rows);
        }
        System.out.printf(Locale.ROOT, "file=%s bytes=%d%n", csv, Files.size(csv));

        int threads = Runtime.getRuntime().availableProcessors();
        var ingest = StandaloneIngest.open(work.resolve("data"), threads, "2GB");
        var files = ingest.files();
        var processor = ingest.processor();

        // DuckDB's own copy of the same file, as the reference, measured in the same run.
        double duckdbSeconds = Double.MAX_VALUE;
        double foresightSeconds = Double.MAX_VALUE;
        long accepted = 0;
        long peakHeap = 0;
        for (int round = 0; round < 2; round++) {
            duckdbSeconds = Math.min(duckdbSeconds, duckdbCopy(csv, work.resolve("reference.parquet"), threads));
            var datasetId = UUID.randomUUID();
            var versionId = UUID.randomUUID();
            try (var in = Files.newInputStream(csv)) {
                files.storeSource(1, datasetId, versionId, in);
            }
            resetPeaks();
            long start = System.nanoTime();
            var outcome = processor.process(
                    1,
                    datasetId,
                    versionId,
                    "claims.csv",
                    null,
                    null,
                    java.util.Map.of(),
                    (percent, message) -> System.out.printf(
                            Locale.ROOT, "  %5.2fs %3d%% %s%n", (System.nanoTime() - start) / 1e9, percent, message));
            foresightSeconds = Math.min(foresightSeconds, (System.nanoTime() - start) / 1e9);
            peakHeap = Math.max(peakHeap, peakHeapBytes());
            accepted = outcome.rowCount();
            System.out.printf(
                    Locale.ROOT,
                    "round=%d foresight_s=%.2f duckdb_s=%.2f accepted=%d rejected=%d warned=%d%n",
                    round + 1,
                    (System.nanoTime() - start) / 1e9,
                    duckdbSeconds,
                    outcome.quality().rowsAccepted(),
                    outcome.quality().rowsRejected(),
                    outcome.quality().rowsWarned());
        }
        ingest.close();
        System.out.printf(
                Locale.ROOT,
                "RESULT rows=%d foresight_rows_per_s=%.0f duckdb_rows_per_s=%.0f ratio=%.2f peak_heap_mb=%.0f accepted=%d%n",
                rows,
                rows / foresightSeconds,
                rows / duckdbSeconds,
                foresightSeconds / duckdbSeconds,
                peakHeap / 1048576.0,
                accepted);
    }

    private static double duckdbCopy(Path csv, Path parquet, int threads) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            long start = System.nanoTime();
            statement.execute("COPY (SELECT * FROM read_csv('" + csv.toAbsolutePath() + "')) TO '"
                    + parquet.toAbsolutePath() + "' (FORMAT parquet, COMPRESSION zstd)");
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(pool -> pool.resetPeakUsage());
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** Claims-like rows: ids, a payer, a date, two amounts, a status, an NPI and free-text notes with some PHI. */
    public static void generate(Path csv, long rows) throws IOException {
        var random = new Random(7);
        String[] payers = {"Aetna", "Cigna", "UnitedHealthcare", "Humana", "Kaiser", "BlueCross", "Anthem", "Medicare"};
        String[] statuses = {"PAID", "PAID", "PAID", "PAID", "DENIED", "PENDING"};
        String[] notes = {"", "", "", "Resubmitted with corrected modifier", "Prior authorization on file"};
        try (var out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("claim_id,member_id,payer,date_of_service,cpt_code,npi,billed_amount,paid_amount,status,notes\n");
            var line = new StringBuilder(160);
            for (long i = 0; i < rows; i++) {
                line.setLength(0);
                double billed = 20 + random.nextInt(500_000) / 100.0;
                line.append('C')
                        .append(10_000_000 + i)
                        .append(",M")
                        .append(100_000 + random.nextInt(900_000))
                        .append(',')
                        .append(payers[random.nextInt(payers.length)])
                        .append(",2026-")
                        .append(String.format(Locale.ROOT, "%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                        .append(',')
                        .append(99_200 + random.nextInt(20))
                        .append(',')
                        .append(1_000_000_000L + random.nextInt(900_000_000))
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.2f", billed))
                        .append(',')
                        .append(String.format(Locale.ROOT, "%.2f", billed * 0.7))
                        .append(',')
                        .append(statuses[random.nextInt(statuses.length)])
                        .append(',');
                int roll = random.nextInt(1000);
                if (roll == 0) {
                    line.append("SSN 123-45-")
                            .append(1000 + random.nextInt(8999))
                            .append(" on the call");
                } else if (roll == 1) {
                    line.append("call 555-201-").append(1000 + random.nextInt(8999));
                } else {
                    line.append(notes[random.nextInt(notes.length)]);
                }
                line.append('\n');
                out.append(line);
            }
        }
    }
}
