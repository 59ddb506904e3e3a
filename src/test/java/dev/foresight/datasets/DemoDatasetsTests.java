package dev.foresight.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.support.ApiTest;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a newcomer finds in the demo: the {@code claims} and {@code insights} workspaces each show their generated
 * dataset, processed through the ingest path, with a quality report; in the claims, the SSNs of the notes are masked
 * and the bad rows rejected.
 */
@ForesightTest
class DemoDatasetsTests extends ApiTest {

    @Test
    void theClaimsDemoHasAQualityReportWithMaskedPhiAndRejectedRows() {
        var claims = processed("claims", "Claims");
        var quality = quality("claims", claims);

        assertThat(quality.get("rowsRead").asLong()).isGreaterThan(1_000);
        assertThat(quality.get("rowsRejected").asLong())
                .as("the demo's bad rows")
                .isPositive();
        assertThat(quality.get("rowsWarned").asLong()).as("PHI in the notes").isPositive();
        assertThat(quality.get("rules").valueStream())
                .anyMatch(rule -> rule.get("rule").asString().equals("phi")
                        && rule.get("column").asString().equals("notes")
                        && rule.get("violations").asLong() > 0);
        var notes = api.get(
                        "/api/v1/workspaces/claims/datasets/" + claims.get("id").asString()
                                + "/rows?search=SSN&limit=50",
                        manager)
                .json();
        assertThat(notes.get("total").asLong()).isPositive();
        assertThat(notes.toString()).contains("***-**-****").doesNotContainPattern("SSN [0-9]{3}-[0-9]{2}-[0-9]{4}");
    }

    @Test
    void theInsightsDemoHasRetailSalesWithAQualityReport() {
        var sales = processed("insights", "Retail sales");
        var quality = quality("insights", sales);

        assertThat(quality.get("rowsAccepted").asLong()).isGreaterThan(100);
        assertThat(quality.get("columns").size())
                .isEqualTo(sales.get("columnCount").asInt());
    }

    private JsonNode processed(String workspace, String name) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> dataset(workspace, name)
                        .map(d -> !d.get("currentVersionId").isNull())
                        .orElse(false));
        return dataset(workspace, name).orElseThrow();
    }

    private java.util.Optional<JsonNode> dataset(String workspace, String name) {
        return api.get("/api/v1/workspaces/" + workspace + "/datasets", manager)
                .json()
                .valueStream()
                .filter(d -> d.get("name").asString().equals(name))
                .findFirst();
    }

    private JsonNode quality(String workspace, JsonNode dataset) {
        var response = api.get(
                "/api/v1/workspaces/" + workspace + "/datasets/"
                        + dataset.get("id").asString() + "/versions/"
                        + dataset.get("currentVersionId").asString() + "/quality",
                manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
