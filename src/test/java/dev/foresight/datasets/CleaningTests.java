package dev.foresight.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.support.Api;
import dev.foresight.support.ApiTest;
import dev.foresight.support.ForesightTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cleaning turns the current version into a new one and says what it changed. */
@ForesightTest
class CleaningTests extends ApiTest {

    private static final String MESSY =
            """
            id,name,city,amount,visited
            1,  Ann   Lee ,paris,10,2024-01-05
            2,Bob,PARIS,,01/06/2024
            2,Bob,PARIS,,01/06/2024
            3,Cy,berlin,30,2024/01/07
            4,Di,,40,07.01.2024
            """;

    @Test
    void cleaningProducesANewVersionWithABeforeAfterSummary() {
        var datasetId = upload("messy.csv", MESSY);
        var spec = Map.of(
                "trim", List.of("name"),
                "cases", List.of(Map.of("column", "city", "to", "lower")),
                "standardizeDates", List.of("visited"),
                "fills",
                        List.of(
                                Map.of("column", "amount", "strategy", "mean"),
                                Map.of("column", "city", "strategy", "drop")),
                "deduplicate", Map.of("key", List.of(), "keep", "first"));
        var started = api.post(path(datasetId) + "/cleaning", manager, Api.json(spec));
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("executionId").asString()).isNotBlank();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var newest = api.get(path(datasetId) + "/versions", manager)
                            .json()
                            .get(0);
                    assertThat(newest.get("origin").asString()).isEqualTo("CLEANING");
                    assertThat(newest.get("status").asString()).isEqualTo("SUCCEEDED");
                });
        var cleaned = api.get(path(datasetId) + "/versions", manager).json().get(0);
        var summary = cleaned.get("summary");
        assertThat(summary.get("rowsBefore").asLong()).isEqualTo(5);
        assertThat(summary.get("duplicatesRemoved").asLong()).isEqualTo(1);
        assertThat(summary.get("rowsDropped").asLong()).isEqualTo(1);
        assertThat(summary.get("rowsAfter").asLong()).isEqualTo(3);
        assertThat(summary.get("valuesChanged").get("visited").asLong()).isEqualTo(4);
        assertThat(cleaned.get("rowCount").asLong()).isEqualTo(3);

        var rows = api.get(path(datasetId) + "/rows?sort=id", manager).json().get("rows");
        assertThat(rows).hasSize(3);
        assertThat(row(rows, 0)).containsExactly("1", "Ann Lee", "paris", "10", "2024-01-05");
        // Bob's missing amount is the mean of the amounts on the rows that stay (10 and 30; Di's row is dropped).
        assertThat(row(rows, 1)).containsExactly("2", "Bob", "paris", "20", "2024-01-06");
        assertThat(row(rows, 2)).containsExactly("3", "Cy", "berlin", "30", "2024-01-07");

        var audit = api.get("/api/v1/workspaces/insights/audit?action=dataset.cleaned", api.tokenFor("admin"));
        assertThat(audit.body()).contains(cleaned.get("id").asString());
    }

    @Test
    void aCleaningThatNamesUnknownColumnsOrImpossibleFillsIsRefused() {
        var datasetId = upload("small.csv", "id,name\n1,a\n2,b\n");
        var unknown = api.post(
                path(datasetId) + "/cleaning",
                manager,
                Api.json(Map.of("fills", List.of(Map.of("column", "nope", "strategy", "mean")))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("no column 'nope'");
        var meanOfText = api.post(
                path(datasetId) + "/cleaning",
                manager,
                Api.json(Map.of("fills", List.of(Map.of("column", "name", "strategy", "mean")))));
        assertThat(meanOfText.status()).isEqualTo(400);
        assertThat(meanOfText.json().get("detail").asString()).contains("needs a numeric column");
        var viewer = api.post(path(datasetId) + "/cleaning", api.tokenFor("viewer"), "{}");
        assertThat(viewer.status()).isEqualTo(403);
    }

    private static List<String> row(JsonNode rows, int index) {
        return rows.get(index).valueStream().map(JsonNode::asString).toList();
    }

    private String path(String datasetId) {
        return "/api/v1/workspaces/insights/datasets/" + datasetId;
    }

    /** Uploads a CSV and waits until its first version is processed. */
    private String upload(String fileName, String csv) {
        var boundary = "cleaning-test-boundary";
        var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        var response = api.send(api.request("/api/v1/workspaces/insights/datasets", manager)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
        assertThat(response.status()).isEqualTo(202);
        var datasetId = response.json().get("datasetId").asString();
        var versionId = response.json().get("versionId").asString();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.get(path(datasetId) + "/versions/" + versionId, manager)
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("SUCCEEDED"));
        return datasetId;
    }
}
