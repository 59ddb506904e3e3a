package dev.foresight.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.support.Api;
import dev.foresight.support.Multipart;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Uploads and waits shared by the forecasting tests: through the API, as a script would. */
final class ForecastFixtures {

    private ForecastFixtures() {}

    /** Uploads a CSV as a new dataset and waits until its version is processed; answers the dataset id. */
    static String upload(Api api, String token, String slug, String name, String csv) {
        var base = "/api/v1/workspaces/" + slug + "/datasets";
        var response = api.post(base, token, Multipart.file(name + ".csv", csv).field("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        var id = response.json().get("datasetId").asString();
        var version = response.json().get("versionId").asString();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var status = api.get(base + "/" + id + "/versions/" + version, token)
                            .json()
                            .get("status")
                            .asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return id;
    }

    /** Waits until a forecast run has finished and answers it. */
    static JsonNode awaitFinished(Api api, String token, String slug, String forecastId) {
        var path = "/api/v1/workspaces/" + slug + "/forecasts/" + forecastId;
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var status = api.get(path, token).json().get("status").asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        var forecast = api.get(path, token);
        assertThat(forecast.status()).isEqualTo(200);
        return forecast.json();
    }
}
