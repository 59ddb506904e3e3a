package dev.foresight.insights;

import static dev.foresight.insights.InsightsApiTests.find;
import static dev.foresight.insights.InsightsApiTests.sentences;
import static dev.foresight.insights.InsightsApiTests.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.datasets.internal.DemoSalesFixture;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The demo datasets' insights name what their generator (datasets.internal.DemoDatasets) planted: the retail sales'
 * upward trend, its Black Friday spike and the East store's outage 40 days before the last day; the claims' jump of
 * Cigna's denial rate in the last week.
 */
@ForesightTest
class InsightsDemoTests {

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    Api api;
    String viewer;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        // The first sign-in can be slow while the demo data is processed on a busy machine.
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> (viewer = api.tokenFor("viewer")) != null);
    }

    @Test
    void retailSalesInsightsNameTheTrendBlackFridayAndTheOutage() {
        var insights = awaitInsights("insights", "Retail sales");
        var end = dataEnd("insights", "Retail sales");

        var trend = find(insights, "trend", "revenue");
        assertThat(trend.get("sentence").asString()).startsWith("Revenue rises by");
        assertThat(trend.get("evidence").get("grain").asString()).isEqualTo("week");

        var blackFriday = lastBlackFriday(end).toString();
        var revenue = find(insights, "anomaly", "revenue");
        assertThat(anomalyDates(revenue)).as(revenue.get("sentence").asString()).contains(blackFriday);
        assertThat(revenue.get("sentence").asString()).contains(blackFriday);

        // The East store's outage day is named for the store: as the store's own finding, or as what moved most of
        // the day in the finding of its region or of all stores (the store may be too small for a series of its own).
        var outage = DemoSalesFixture.outageDay(end).toString();
        assertThat(stream(insights)
                        .filter(i -> i.get("type").asString().equals("anomaly"))
                        .flatMap(i -> stream(i.get("evidence").get("anomalies"))
                                .filter(a -> a.get("at").asString().equals(outage))
                                .map(a -> a.has("driver")
                                        ? a.get("driver").get("segment").asString()
                                        : i.get("evidence").get("segment").asString())))
                .as("what names %s in %s", outage, sentences(insights))
                .contains("store = East");
    }

    @Test
    void claimsInsightsNameCignasDenialJumpInTheLastWeek() {
        var insights = awaitInsights("claims", "Claims");

        var jump = stream(insights)
                .filter(i -> i.get("type").asString().equals("rate-change"))
                .filter(i -> i.get("evidence").get("segment").asString().equals("payer = Cigna"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No rate change of Cigna in " + sentences(insights)));

        assertThat(jump.get("evidence").get("outcome").asString()).isEqualTo("status = DENIED");
        assertThat(jump.get("evidence").get("lastShare").asDouble()).isGreaterThan(0.25);
        assertThat(jump.get("evidence").get("baselineShare").asDouble()).isLessThan(0.15);
        assertThat(jump.get("evidence").get("to").asString())
                .isEqualTo(dataEnd("claims", "Claims").toString());
        assertThat(jump.get("sentence").asString()).contains("payer = Cigna", "status = DENIED", "rose");
        assertThat(stream(insights).limit(3))
                .as("the top three of %s", sentences(insights))
                .contains(jump);
    }

    private JsonNode awaitInsights(String workspace, String datasetName) {
        var base = "/api/v1/workspaces/" + workspace + "/datasets";
        var id = new String[1];
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    var dataset = stream(api.get(base, viewer).json())
                            .filter(d -> d.get("name").asString().equals(datasetName))
                            .findFirst();
                    if (dataset.isEmpty()) {
                        return false;
                    }
                    id[0] = dataset.get().get("id").asString();
                    return api.get(base + "/" + id[0] + "/insights", viewer)
                                    .json()
                                    .size()
                            > 0;
                });
        return api.get(base + "/" + id[0] + "/insights", viewer).json();
    }

    /**
     * The last day of a demo dataset: the generator ends its data the day before it runs, so the day before the
     * dataset was made — not the day before today, which differs when a run crosses midnight.
     */
    private LocalDate dataEnd(String workspace, String datasetName) {
        var dataset = stream(api.get("/api/v1/workspaces/" + workspace + "/datasets", viewer)
                        .json())
                .filter(d -> d.get("name").asString().equals(datasetName))
                .findFirst()
                .orElseThrow();
        return java.time.Instant.parse(dataset.get("createdAt").asString())
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .minusDays(1);
    }

    private static java.util.List<String> anomalyDates(JsonNode insight) {
        return stream(insight.get("evidence").get("anomalies"))
                .map(a -> a.get("at").asString())
                .toList();
    }

    /** The generator's Black Friday: the Friday from the 23rd to the 29th of November. */
    private static LocalDate lastBlackFriday(LocalDate end) {
        for (int year = end.getYear(); ; year--) {
            var friday = LocalDate.of(year, Month.NOVEMBER, 23).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
            if (!friday.isAfter(end)) {
                return friday;
            }
        }
    }
}
