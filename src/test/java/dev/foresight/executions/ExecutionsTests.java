package dev.foresight.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.TestWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Background work as the API shows it: queued, running with progress, and how it ends. */
@ForesightTest
class ExecutionsTests {

    @Autowired
    TestWork testWork;

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

    @Test
    void aRunReportsProgressAndSucceeds() {
        var id = testWork.start("claims", "manager", 4, 300, 0);
        var seen = new ArrayList<Integer>();
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    var execution = execution("claims", id);
                    seen.add(execution.get("progress").asInt());
                    assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");
                });
        var done = execution("claims", id);
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("type").asString()).isEqualTo("test.steps");
        assertThat(done.get("startedBy").asString()).isEqualTo("manager");
        assertThat(done.get("startedAt").isNull()).isFalse();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(seen).isSorted();

        var list = api.get("/api/v1/workspaces/claims/executions?type=test.steps", manager)
                .json();
        assertThat(list.valueStream().map(e -> e.get("id").asString())).contains(id.toString());
    }

    @Test
    void aFailingRunRecordsItsError() {
        var id = testWork.start("claims", "manager", 3, 50, 2);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(
                        execution("claims", id).get("status").asString())
                .isEqualTo("FAILED"));
        var failed = execution("claims", id);
        assertThat(failed.get("error").asString()).isEqualTo("Step 2 broke on purpose");
        var filtered = api.get("/api/v1/workspaces/claims/executions?status=FAILED", manager)
                .json();
        assertThat(filtered.valueStream().map(e -> e.get("status").asString())).containsOnly("FAILED");
    }

    @Test
    void aManagerCancelsARunningExecution() {
        var id = testWork.start("claims", "manager", 50, 200, 0);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(
                        execution("claims", id).get("status").asString())
                .isEqualTo("RUNNING"));
        var cancel = api.post("/api/v1/workspaces/claims/executions/" + id + "/cancel", manager, "");
        assertThat(cancel.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        execution("claims", id).get("status").asString())
                .isEqualTo("CANCELLED"));
        assertThat(execution("claims", id).get("progress").asInt()).isLessThan(100);

        var again = api.post("/api/v1/workspaces/claims/executions/" + id + "/cancel", manager, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already ended as CANCELLED");

        var audit = api.get("/api/v1/workspaces/claims/audit?action=execution.cancelled", api.tokenFor("admin"));
        assertThat(audit.body()).contains(id.toString());
    }

    @Test
    void anExecutionIsOnlyVisibleInItsOwnWorkspace() {
        var id = testWork.start("claims", "manager", 1, 10, 0);
        var elsewhere = api.get("/api/v1/workspaces/insights/executions/" + id, manager);
        assertThat(elsewhere.status()).isEqualTo(404);
        var unknown = api.get("/api/v1/workspaces/claims/executions/" + UUID.randomUUID(), manager);
        assertThat(unknown.status()).isEqualTo(404);
        var notAnId = api.get("/api/v1/workspaces/claims/executions/not-a-uuid", manager);
        assertThat(notAnId.status()).isEqualTo(400);
    }

    @Test
    void statusCountsReachTheMetrics() {
        var id = testWork.start("claims", "manager", 1, 10, 0);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(
                        execution("claims", id).get("status").asString())
                .isEqualTo("SUCCEEDED"));
        var metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).contains("foresight_executions_total{status=\"succeeded\"}");
    }

    private JsonNode execution(String slug, UUID id) {
        var response = api.get("/api/v1/workspaces/" + slug + "/executions/" + id, manager);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
