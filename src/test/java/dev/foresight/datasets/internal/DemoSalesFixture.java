package dev.foresight.datasets.internal;

import dev.foresight.datasets.DatasetColumn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo's retail sales as of any day, ingested the way an upload is (types and roles inferred, default rules), for
 * tests of other modules that must hold whatever day the demo data is generated on.
 */
public final class DemoSalesFixture {

    /** The processed version: its schema and its Parquet file. */
    public record Sales(List<DatasetColumn> columns, long rowCount, Path parquet) {}

    private DemoSalesFixture() {}

    /** The day the demo's East store sells nothing, in sales up to {@code end}. */
    public static LocalDate outageDay(LocalDate end) {
        return DemoDatasets.outageDay(end);
    }

    /** The sales up to {@code end}, processed under {@code dataDir}. */
    public static Sales ingest(Path dataDir, LocalDate end) throws Exception {
        try (var ingest = StandaloneIngest.open(dataDir, 2, "1GB")) {
            var datasetId = UUID.randomUUID();
            var versionId = UUID.randomUUID();
            var csv = Files.createTempFile(dataDir, "sales-", ".csv");
            try (var out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                DemoDatasets.sales(out, end);
            }
            try (var in = Files.newInputStream(csv)) {
                ingest.files().storeSource(1, datasetId, versionId, in);
            }
            var outcome = ingest.processor()
                    .process(1, datasetId, versionId, "retail-sales.csv", null, null, Map.of(), (p, m) -> {});
            return new Sales(
                    outcome.columns(), outcome.rowCount(), ingest.files().parquet(1, datasetId, versionId));
        }
    }
}
