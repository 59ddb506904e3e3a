package dev.foresight.datasets.query;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The query API as a script or the dashboards call it, over a real upload processed into Parquet. */
@ForesightTest
class QueryApiTests {

    private static final String QUERY = "/api/v1/workspaces/workforce/query";
    private static @Nullable String dataset;

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        if (dataset == null) {
            dataset = SmallSales.upload(api, api.tokenFor("manager"), "workforce", "Small sales");
        }
    }

    private Api.Response query(String token, Map<String, Object> spec) {
        return api.post(QUERY, token, Api.json(spec));
    }

    @Test
    void weeklyFiguresPerStoreWithDatesAsIsoText() {
        var response = query(
                api.tokenFor("manager"),
                Map.of(
                        "dataset",
                        dataset,
                        "measures",
                        List.of(
                                Map.of("column", "revenue", "agg", "sum"),
                                Map.of("agg", "count"),
                                Map.of("column", "units", "agg", "percentile", "p", 0.9)),
                        "dimensions",
                        List.of("store", "day"),
                        "timeGrain",
                        "week",
                        "filters",
                        List.of(Map.of("column", "store", "op", "in", "value", List.of("North", "South"))),
                        "sort",
                        "-sum_revenue",
                        "limit",
                        3));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var body = response.json();
        assertThat(strings(body.get("columns")))
                .containsExactly("store", "day", "sum_revenue", "count", "percentile_units");
        // South sells 40 a day, 7 days in the week of the 5th and 12th; 6 days (no sale on the 20th) in the 19th's.
        assertThat(body.get("rows").get(0).toString()).isEqualTo("[\"South\",\"2026-01-05\",280,7,4.0]");
        assertThat(body.get("rows").get(1).toString()).isEqualTo("[\"South\",\"2026-01-12\",280,7,4.0]");
        assertThat(body.get("rows").get(2).toString()).isEqualTo("[\"South\",\"2026-01-19\",240,6,4.0]");
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("notice").isNull()).isTrue();
    }

    @Test
    void sqlInAValueMatchesThatTextAndNothingElse() {
        var response = query(
                api.tokenFor("manager"),
                Map.of(
                        "dataset", dataset,
                        "measures", List.of(Map.of("agg", "count")),
                        "filters",
                                List.of(Map.of(
                                        "column", "note", "op", "eq", "value", "Robert'); DROP TABLE datasets; --"))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("rows").toString()).isEqualTo("[[1]]");
        var again =
                query(api.tokenFor("manager"), Map.of("dataset", dataset, "measures", List.of(Map.of("agg", "count"))));
        assertThat(again.json().get("rows").toString())
                .as("the data is all still there")
                .isEqualTo("[[41]]");
    }

    @Test
    void badSpecsGetProblemDetailsThatSayWhatToSend() {
        var viewer = api.tokenFor("manager");
        var misspelt = assertProblem(
                query(
                        viewer,
                        Map.of("dataset", dataset, "measures", List.of(Map.of("column", "revnue", "agg", "sum")))),
                400);
        assertThat(misspelt.get("detail").asString())
                .contains("no column 'revnue'")
                .contains("Did you mean 'revenue'?");

        var injected = assertProblem(
                query(
                        viewer,
                        Map.of(
                                "dataset", dataset,
                                "measures", List.of(Map.of("agg", "count")),
                                "dimensions", List.of("store\" FROM x; DROP TABLE datasets; --"))),
                400);
        assertThat(injected.get("detail").asString()).contains("has no column");

        var textSum = assertProblem(
                query(viewer, Map.of("dataset", dataset, "measures", List.of(Map.of("column", "store", "agg", "sum")))),
                400);
        assertThat(textSum.get("detail").asString())
                .startsWith("Cannot take the sum of 'store': it holds text values.");

        var unknownDataset = assertProblem(
                query(
                        viewer,
                        Map.of("dataset", UUID.randomUUID().toString(), "measures", List.of(Map.of("agg", "count")))),
                404);
        assertThat(unknownDataset.get("detail").asString()).startsWith("Dataset ");

        assertProblem(api.post(QUERY, viewer, "{\"dataset\":\"not-a-uuid\"}"), 400);
    }

    @Test
    void aHugeLimitIsCappedAndTheAnswerSaysSo() {
        var response = query(
                api.tokenFor("manager"),
                Map.of("dataset", dataset, "dimensions", List.of("day", "store"), "limit", 1_000_000_000));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var body = response.json();
        assertThat(body.get("rows").size()).isEqualTo(41);
        assertThat(body.get("limit").asInt()).isEqualTo(10_000);
        assertThat(body.get("notice").asString())
                .isEqualTo("The limit 1000000000 was capped at 10000 rows, the most one query answers.");
    }

    @Test
    void anotherWorkspaceCannotQueryTheDataset() {
        // outsider is a member of insights only; claims' admin asks for workforce's dataset under claims.
        assertProblem(
                api.post(
                        "/api/v1/workspaces/claims/query",
                        api.tokenFor("manager"),
                        Api.json(Map.of("dataset", dataset, "measures", List.of(Map.of("agg", "count"))))),
                404);
        assertProblem(
                api.post(
                        QUERY,
                        api.tokenFor("outsider"),
                        Api.json(Map.of("dataset", dataset, "measures", List.of(Map.of("agg", "count"))))),
                404);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
