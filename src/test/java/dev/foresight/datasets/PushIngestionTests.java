package dev.foresight.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Other systems push records with a workspace token; micro-batches append them as versions under the same rules. */
@ForesightTest
class PushIngestionTests {

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    Api api;
    String admin;
    String datasetId;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        admin = api.tokenFor("admin");
        // The demo's retail sales dataset, uploaded through the ingest path when the workspace appeared.
        await().atMost(Duration.ofSeconds(90)).until(() -> currentVersion() != null);
        datasetId = retailSales().get("id").asString();
    }

    @Test
    void pushedRecordsAreQueuedThenAppendedAsAVersionThatPassesTheRules() {
        var token = apiToken("insights", "pos-feed");
        var before = currentVersion();
        long rowsBefore = before.get("rowCount").asLong();
        var body =
                """
                {"date":"2026-11-21","store":"North","region":"Region A","category":"Toys","channel":"online","units":5,"unit_price":25.0,"discount_pct":0,"revenue":125.0}
                {"date":"not a date","store":"South","region":"Region B","category":"Toys","channel":"store","units":1,"unit_price":25.0,"discount_pct":0,"revenue":25.0}
                this line is not JSON
                """;

        var first = push(token, body, "batch-42");
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("received").asInt()).isEqualTo(3);
        assertThat(first.json().get("queued").asInt()).isEqualTo(2);
        assertThat(first.json().get("rejected").get(0).get("index").asInt()).isEqualTo(2);
        assertThat(first.json().get("replayed").asBoolean()).isFalse();

        var replay = push(token, body, "batch-42");
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("queued").asInt()).isEqualTo(2);
        assertThat(replay.json().get("replayed").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var current = currentVersion();
                    assertThat(current.get("origin").asString()).isEqualTo("PUSH");
                    assertThat(current.get("status").asString()).isEqualTo("SUCCEEDED");
                });
        var appended = currentVersion();
        // Applied once despite the replay; the record with a date that does not parse is rejected by the type rule.
        assertThat(appended.get("rowCount").asLong()).isEqualTo(rowsBefore + 1);
        var quality = api.get(
                        "/api/v1/workspaces/insights/datasets/" + datasetId + "/versions/"
                                + appended.get("id").asString() + "/quality",
                        admin)
                .json();
        assertThat(quality.get("rowsRejected").asLong()).isEqualTo(1);
        var rows = api.get(
                        "/api/v1/workspaces/insights/datasets/" + datasetId
                                + "/rows?filter=date:eq:2026-11-21&filter=store:eq:North&filter=category:eq:Toys&filter=units:eq:5",
                        admin)
                .json();
        assertThat(rows.get("total").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void tokensOfOtherWorkspacesAndViewersCannotPush() {
        var claimsToken = apiToken("claims", "claims-feed");
        assertThat(push(claimsToken, "[{\"store\":\"North\"}]", null).status()).isEqualTo(404);
        assertThat(push(api.tokenFor("viewer"), "[{\"store\":\"North\"}]", null).status())
                .isEqualTo(403);
        assertThat(push(api.tokenFor("outsider"), "[{\"store\":\"North\"}]", null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void unreadableBodiesAreRefusedAndQueueNothing() {
        var token = apiToken("insights", "broken-feed");
        var malformed = push(token, "[{\"store\":", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asString()).contains("not valid JSON");
        var empty = push(token, "   ", null);
        assertThat(empty.status()).isEqualTo(400);
        var notObjects = push(token, "[1, \"two\", null]", null);
        assertThat(notObjects.status()).isEqualTo(202);
        assertThat(notObjects.json().get("queued").asInt()).isZero();
        assertThat(notObjects.json().get("rejected")).hasSize(3);
    }

    private Api.Response push(String token, String body, String idempotencyKey) {
        var request = api.request("/api/v1/workspaces/insights/datasets/" + datasetId + "/records", token)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api.send(request.build());
    }

    private String apiToken(String slug, String name) {
        var created = api.post("/api/v1/workspaces/" + slug + "/api-tokens", admin, Api.json(Map.of("name", name)));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("token").asString();
    }

    private JsonNode retailSales() {
        for (var dataset :
                api.get("/api/v1/workspaces/insights/datasets", admin).json()) {
            if (dataset.get("name").asString().equals("Retail sales")) {
                return dataset;
            }
        }
        return null;
    }

    private JsonNode currentVersion() {
        var dataset = retailSales();
        if (dataset == null || dataset.get("currentVersionId").isNull()) {
            return null;
        }
        var versions = api.get(
                        "/api/v1/workspaces/insights/datasets/"
                                + dataset.get("id").asString() + "/versions",
                        admin)
                .json();
        return versions.get(0);
    }
}
