package dev.foresight.insights;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Insights through the HTTP API: a small CSV with a planted trend, outlier and correlation is uploaded; its profile
 * and its insights must name them. Bad input (no time column, constant and empty columns, one row, many columns)
 * still gives a successful run that says what it could not do. Viewers read, only managers regenerate, and another
 * workspace sees nothing.
 */
@ForesightTest
class InsightsApiTests {

    private static final String BASE = "/api/v1/workspaces/insights/datasets";

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    Api api;
    String manager;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        manager = api.tokenFor("manager");
    }

    /**
     * 120 days × 3 regions: amount rises by 2 a day, cost is half the amount plus noise (correlated), and one row's
     * amount is 10,000 where the rest are around 100–400 (an outlier).
     */
    static String planted() {
        var random = new Random(11);
        var csv = new StringBuilder("day,region,amount,cost\n");
        var start = LocalDate.of(2026, 1, 1);
        for (int d = 0; d < 120; d++) {
            for (var region : List.of("North", "South", "West")) {
                double amount = 100 + 2 * d + random.nextGaussian() * 8;
                if (d == 60 && region.equals("South")) {
                    amount = 10_000;
                }
                double cost = amount * 0.5 + random.nextGaussian() * 4;
                csv.append(String.format(Locale.ROOT, "%s,%s,%.2f,%.2f%n", start.plusDays(d), region, amount, cost));
            }
        }
        return csv.toString();
    }

    @Test
    void theInsightsOfAPlantedDatasetNameItsTrendOutlierAndCorrelation() {
        var datasetId = upload("planted.csv", planted());

        var insights = awaitInsights(datasetId);

        var trend = find(insights, "trend", "amount");
        assertThat(trend.get("sentence").asString()).startsWith("Amount rises by");
        assertThat(trend.get("evidence").get("pValue").asDouble()).isLessThan(0.001);
        assertThat(trend.get("evidence").get("segment").asString()).isEqualTo("all");
        assertThat(trend.get("chart").get("series").get(0).get("type").asString())
                .isEqualTo("line");
        assertThat(trend.get("query").get("dataset").asString()).isEqualTo(datasetId);
        assertThat(trend.get("query").get("measures").get(0).get("column").asString())
                .isEqualTo("amount");
        assertThat(trend.get("query").get("dimensions").get(0).asString()).isEqualTo("day");

        var outlier = find(insights, "outlier", "amount");
        assertThat(outlier.get("evidence").get("rows").asLong()).isEqualTo(1);
        assertThat(outlier.get("evidence").get("extreme").asDouble()).isEqualTo(10_000);
        assertThat(outlier.get("sentence").asString()).contains("10,000");

        var correlation = stream(insights)
                .filter(i -> i.get("type").asString().equals("correlation"))
                .findFirst()
                .orElseThrow();
        assertThat(correlation.get("sentence").asString()).contains("amount and cost move together");
        assertThat(correlation.get("evidence").get("spearman").asDouble()).isGreaterThan(0.9);
        assertThat(correlation.get("evidence").get("spearmanQ").asDouble()).isLessThan(0.001);

        var anomaly = find(insights, "anomaly", "amount");
        assertThat(anomaly.get("sentence").asString()).contains("2026-03-02");

        var scores = stream(insights).map(i -> i.get("score").asDouble()).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(stream(insights)
                        .map(i -> i.get("type").asString() + "|"
                                + i.get("sentence").asString()))
                .doesNotHaveDuplicates();
    }

    @Test
    void theProfileSummarisesEveryColumn() {
        var datasetId = upload("profiled.csv", planted());
        awaitInsights(datasetId);

        var profile = api.get(BASE + "/" + datasetId + "/profile", manager);

        assertThat(profile.status()).isEqualTo(200);
        var json = profile.json();
        assertThat(json.get("rowCount").asLong()).isEqualTo(360);
        var amount = column(json, "amount");
        assertThat(amount.get("count").asLong()).isEqualTo(360);
        assertThat(amount.get("nulls").asLong()).isZero();
        assertThat(amount.get("max").asString()).isEqualTo("10000.0");
        assertThat(amount.get("quantiles").get("p50").asDouble()).isBetween(200.0, 260.0);
        assertThat(amount.get("quantiles").properties().stream().map(e -> e.getKey()))
                .containsExactly("p5", "p25", "p50", "p75", "p95");
        assertThat(amount.get("histogram").size()).isEqualTo(20);
        assertThat(stream(amount.get("histogram"))
                        .mapToLong(b -> b.get("count").asLong())
                        .sum())
                .isEqualTo(360);
        var region = column(json, "region");
        assertThat(region.get("distinct").asLong()).isEqualTo(3);
        assertThat(region.get("topValues").get(0).get("count").asLong()).isEqualTo(120);
        var day = column(json, "day");
        assertThat(day.get("min").asString()).isEqualTo("2026-01-01");
        assertThat(day.get("histogram").size()).isEqualTo(20);

        var version = api.get(
                BASE + "/" + datasetId + "/profile?version="
                        + json.get("versionId").asString(),
                manager);
        assertThat(version.json().get("versionId").asString())
                .isEqualTo(json.get("versionId").asString());
    }

    @Test
    void badInputGivesFewerInsightsAndSaysWhy() {
        var noTime = upload(
                "no-time.csv",
                "region,amount,constant,empty\n" + "North,10,7,\n".repeat(1)
                        + "South,12,7,\nWest,9,7,\nNorth,11,7,\nSouth,300,7,\nWest,10,7,\n");
        var run = awaitRun(noTime);
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(notes(run)).anyMatch(n -> n.startsWith("No time column"));
        assertThat(notes(run)).anyMatch(n -> n.contains("'constant' is constant"));
        assertThat(notes(run)).anyMatch(n -> n.contains("'empty' is always empty"));
        assertThat(notes(run)).anyMatch(n -> n.contains("One measure only"));
        assertThat(stream(api.get(BASE + "/" + noTime + "/insights", manager).json()))
                .noneMatch(i -> i.get("type").asString().equals("trend"));

        var single = upload("single.csv", "day,amount\n2026-01-01,5\n");
        var singleRun = awaitRun(single);
        assertThat(singleRun.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(notes(singleRun)).anyMatch(n -> n.startsWith("Only 1 rows"));

        var header = new StringBuilder("day");
        for (int c = 0; c < 60; c++) {
            header.append(",m").append(c);
        }
        var wide = new StringBuilder(header).append('\n');
        var random = new Random(3);
        for (int r = 0; r < 40; r++) {
            wide.append(LocalDate.of(2026, 1, 1).plusDays(r));
            for (int c = 0; c < 60; c++) {
                wide.append(',').append(random.nextInt(1000));
            }
            wide.append('\n');
        }
        var wideRun = awaitRun(upload("wide.csv", wide.toString()));
        assertThat(wideRun.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(notes(wideRun)).anyMatch(n -> n.startsWith("Only the first 12 measures are analysed"));
    }

    @Test
    void viewersReadManagersRegenerateOtherWorkspacesSeeNothing() {
        var datasetId = upload("access.csv", planted());
        awaitInsights(datasetId);
        var viewer = api.tokenFor("viewer");

        assertThat(api.get(BASE + "/" + datasetId + "/insights", viewer).status())
                .isEqualTo(200);
        assertThat(api.get(BASE + "/" + datasetId + "/profile", viewer).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/workspaces/insights/insights", viewer)
                        .json()
                        .size())
                .isGreaterThan(0);
        assertProblem(api.post(BASE + "/" + datasetId + "/insights/runs", viewer, ""), 403);

        var started = api.post(BASE + "/" + datasetId + "/insights/runs", manager, "");
        assertThat(started.status()).isEqualTo(202);
        var executionId = started.json().get("executionId").asString();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "SUCCEEDED"
                        .equals(api.get("/api/v1/workspaces/insights/executions/" + executionId, manager)
                                .json()
                                .get("status")
                                .asString()));
        assertThat(stream(api.get(BASE + "/" + datasetId + "/insights/runs", manager)
                                .json())
                        .map(r -> r.get("executionId").asString()))
                .contains(executionId);

        // The dataset exists in 'insights' only: through another workspace it is not found, for members too.
        assertProblem(api.get("/api/v1/workspaces/claims/datasets/" + datasetId + "/insights", manager), 404);
        assertProblem(api.get("/api/v1/workspaces/claims/datasets/" + datasetId + "/profile", manager), 404);
        // 'outsider' is a member of 'insights' only.
        var outsider = api.tokenFor("outsider");
        assertProblem(api.get("/api/v1/workspaces/claims/insights", outsider), 404);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private String upload(String name, String csv) {
        var response = api.post(BASE, manager, Multipart.file(name, csv));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("datasetId").asString();
    }

    private JsonNode awaitRun(String datasetId) {
        var runs = BASE + "/" + datasetId + "/insights/runs";
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var list = api.get(runs, manager).json();
                    return list.size() > 0
                            && List.of("SUCCEEDED", "FAILED")
                                    .contains(list.get(0).get("status").asString());
                });
        return api.get(runs, manager).json().get(0);
    }

    private JsonNode awaitInsights(String datasetId) {
        var run = awaitRun(datasetId);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        var insights = api.get(BASE + "/" + datasetId + "/insights", manager);
        assertThat(insights.status()).isEqualTo(200);
        return insights.json();
    }

    static JsonNode find(JsonNode insights, String type, String measure) {
        return stream(insights)
                .filter(i -> i.get("type").asString().equals(type)
                        && i.get("evidence").has("measure")
                        && i.get("evidence").get("measure").asString().equals(measure))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " of " + measure + " in " + sentences(insights)));
    }

    static List<String> sentences(JsonNode insights) {
        return stream(insights).map(i -> i.get("sentence").asString()).toList();
    }

    private static JsonNode column(JsonNode profile, String name) {
        return stream(profile.get("columns"))
                .filter(c -> c.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> notes(JsonNode run) {
        return stream(run.get("notes")).map(JsonNode::asString).toList();
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
