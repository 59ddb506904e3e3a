package dev.foresight.datasets.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.support.Api;
import dev.foresight.support.Multipart;
import java.time.Duration;

/**
 * A small sales file with figures a test can check by hand, uploaded through the API and processed for real: two
 * stores over three weeks of January 2026 (Mondays 5, 12, 19), North selling 10 units a day at 2.50, South 4 units a
 * day at 10.00 and nothing on the 20th.
 */
public final class SmallSales {

    private SmallSales() {}

    public static String csv() {
        var out = new StringBuilder("day,store,units,revenue,note\n");
        for (int d = 5; d <= 25; d++) {
            var day = "2026-01-%02d".formatted(d);
            out.append(day).append(",North,10,25.00,\n");
            if (d != 20) {
                out.append(day)
                        .append(",South,4,40.00,")
                        .append(d == 6 ? "Robert'); DROP TABLE datasets; --" : "")
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Uploads the file as a new dataset of the workspace and waits until it is processed; answers its id. */
    public static String upload(Api api, String token, String workspace, String name) {
        return upload(api, token, workspace, name, csv());
    }

    /** Uploads another small file the same way, for a test that needs figures of its own. */
    public static String upload(Api api, String token, String workspace, String name, String csv) {
        var base = "/api/v1/workspaces/" + workspace + "/datasets";
        var response = api.post(base, token, Multipart.file("sales.csv", csv).field("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        var datasetId = response.json().get("datasetId").asString();
        var versionId = response.json().get("versionId").asString();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var status = api.get(base + "/" + datasetId + "/versions/" + versionId, token)
                            .json()
                            .get("status")
                            .asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        var version = api.get(base + "/" + datasetId + "/versions/" + versionId, token)
                .json();
        assertThat(version.get("status").asString()).as(version.toString()).isEqualTo("SUCCEEDED");
        return datasetId;
    }
}
