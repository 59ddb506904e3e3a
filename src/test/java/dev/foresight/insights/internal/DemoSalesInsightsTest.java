package dev.foresight.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.datasets.DatasetScan;
import dev.foresight.datasets.internal.DemoSalesFixture;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo sales' insights, generated as a run does, for data ending on days through the year (two of them put the
 * outage 40 days back on Black Friday): the demo data is generated as of the day the server starts, so what it plants
 * must be found whatever that day is. The East store is the smallest of four and rarely gets a series of its own; its
 * outage is named as what moved most of the day overall or in its region.
 */
class DemoSalesInsightsTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-07",
                "2027-01-06",
                "2026-01-14",
                "2026-03-02",
                "2026-04-19",
                "2026-06-07",
                "2026-07-25",
                "2026-09-11",
                "2026-10-30",
                "2026-12-01",
                "2026-12-02",
                "2026-12-17"
            })
    void theEastStoresOutageIsNamedForTheStore(String lastDay) throws Exception {
        var end = LocalDate.parse(lastDay);
        var sales = DemoSalesFixture.ingest(dataDir, end);
        try (var connection = DriverManager.getConnection("jdbc:duckdb:")) {
            var scan = new DatasetScan(
                    UUID.randomUUID(),
                    "Retail sales",
                    UUID.randomUUID(),
                    sales.rowCount(),
                    sales.columns(),
                    "read_parquet('" + sales.parquet().toAbsolutePath() + "')",
                    connection);
            var profile = new Profiler().profile(scan);
            var generated = new InsightGenerator(new InsightsProperties(12, 66, 4, 3, 20_000, 40, 0.05))
                    .generate(scan, profile, (percent, message) -> {});
            var outage = DemoSalesFixture.outageDay(end).toString();
            var anomalies = generated.insights().stream()
                    .filter(d -> d.type().equals("anomaly"))
                    .toList();
            // What names the outage day: the segment of a finding, or the value that moved most of the day in it.
            var named = new ArrayList<String>();
            for (var anomaly : anomalies) {
                @SuppressWarnings("unchecked")
                var days = (List<Map<String, Object>>) anomaly.evidence().get("anomalies");
                for (var day : days) {
                    if (day.get("at").equals(outage)) {
                        named.add(
                                day.containsKey("driver")
                                        ? String.valueOf(((Map<?, ?>) day.get("driver")).get("segment"))
                                        : String.valueOf(anomaly.evidence().get("segment")));
                    }
                }
            }
            assertThat(named)
                    .as(
                            "what names %s in %s",
                            outage, anomalies.stream().map(Draft::sentence).toList())
                    .contains("store = East");
        }
    }
}
