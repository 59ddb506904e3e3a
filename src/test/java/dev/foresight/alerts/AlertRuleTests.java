package dev.foresight.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.datasets.DatasetQualityChecked;
import dev.foresight.drift.DriftSeverity;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.TestWork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules over other modules' events, published as those modules do (inside a transaction, heard after the commit):
 * a storm of drifted segments becomes one message, repeats stay quiet, and quality and failed executions alert.
 */
@ForesightTest
class AlertRuleTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Workspaces workspaces;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TestWork work;

    @LocalServerPort
    int port;

    Api api;
    MockWebServer server;
    long workforce;

    @BeforeEach
    void setUp() throws Exception {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        server = AlertEndpoints.startServer();
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse.Builder().code(200).build());
        }
        workforce = workspaces.findBySlug("workforce").orElseThrow().id();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private String channel(String name) {
        return AlertEndpoints.createChannel(
                        api, Map.of("type", "webhook", "name", name, "url", AlertEndpoints.url(server, "/in")))
                .get("id")
                .asString();
    }

    @Test
    void aStormOfDriftedSegmentsIsOneMessageAndRepeatsStayQuiet() throws Exception {
        var channelId = channel("Storm");
        var monitor = UUID.randomUUID();
        AlertEndpoints.createRule(
                api,
                Map.of(
                        "name",
                        "Queue drift",
                        "event",
                        "drift",
                        "minSeverity",
                        "medium",
                        "monitorId",
                        monitor,
                        "channels",
                        List.of(channelId),
                        "groupWait",
                        "PT1S",
                        "groupInterval",
                        "PT2S"));
        var storm = new Object[] {
            AlertEndpoints.drift(monitor, "queue=A", DriftSeverity.MEDIUM, workforce, "workforce"),
            AlertEndpoints.drift(monitor, "queue=B", DriftSeverity.HIGH, workforce, "workforce"),
            AlertEndpoints.drift(monitor, "queue=C", DriftSeverity.HIGH, workforce, "workforce"),
            AlertEndpoints.drift(monitor, "queue=D", DriftSeverity.MEDIUM, workforce, "workforce"),
            AlertEndpoints.drift(monitor, "queue=E", DriftSeverity.HIGH, workforce, "workforce"),
            AlertEndpoints.drift(monitor, "queue=F", DriftSeverity.LOW, workforce, "workforce"),
            AlertEndpoints.drift(UUID.randomUUID(), "queue=G", DriftSeverity.HIGH, workforce, "workforce")
        };
        AlertEndpoints.publish(transactions, events, storm);

        var delivery = AlertEndpoints.awaitDelivery(api, channelId, Duration.ofSeconds(20), d -> d.get("status")
                .asString()
                .equals("succeeded"));
        assertThat(delivery.get("title").asString()).contains("5 drifted segments");
        var body =
                JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        var segments = body.get("data")
                .get("items")
                .valueStream()
                .map(i -> i.get("segment").asString())
                .toList();
        assertThat(segments).containsExactlyInAnyOrder("queue=A", "queue=B", "queue=C", "queue=D", "queue=E");

        // the same five again within the repeat interval, and one new segment: only the new one is sent
        AlertEndpoints.publish(transactions, events, storm);
        AlertEndpoints.publish(
                transactions,
                events,
                AlertEndpoints.drift(monitor, "queue=H", DriftSeverity.HIGH, workforce, "workforce"));
        var second = AlertEndpoints.awaitDelivery(
                api,
                channelId,
                Duration.ofSeconds(20),
                d -> !d.get("id").asString().equals(delivery.get("id").asString())
                        && d.get("status").asString().equals("succeeded"));
        assertThat(second.get("title").asString()).contains("queue=H");
        Thread.sleep(3000); // one more group interval: nothing else may arrive
        assertThat(AlertEndpoints.deliveries(api, channelId)).hasSize(2);
    }

    @Test
    void aRejectRateOverTheThresholdAlertsAndOneUnderItDoesNot() throws Exception {
        var channelId = channel("Quality");
        var dataset = UUID.randomUUID();
        AlertEndpoints.createRule(
                api,
                Map.of(
                        "name",
                        "Rejects",
                        "event",
                        "quality",
                        "minRejectRate",
                        10.0,
                        "datasetId",
                        dataset,
                        "channels",
                        List.of(channelId),
                        "groupWait",
                        "PT0S"));
        AlertEndpoints.publish(
                transactions,
                events,
                new DatasetQualityChecked("workforce", workforce, dataset, UUID.randomUUID(), 1000, 50, 0),
                new DatasetQualityChecked("workforce", workforce, UUID.randomUUID(), UUID.randomUUID(), 1000, 900, 0));
        Thread.sleep(1500);
        assertThat(AlertEndpoints.deliveries(api, channelId))
                .as("5 % is under 10 %; another dataset is not watched")
                .isEmpty();

        AlertEndpoints.publish(
                transactions,
                events,
                new DatasetQualityChecked("workforce", workforce, dataset, UUID.randomUUID(), 1000, 250, 3));
        var delivery = AlertEndpoints.awaitDelivery(api, channelId, Duration.ofSeconds(20), d -> d.get("status")
                .asString()
                .equals("succeeded"));
        assertThat(delivery.get("title").asString()).contains("25.0 %");
    }

    @Test
    void aFailedExecutionAlerts() {
        var channelId = channel("Failures");
        AlertEndpoints.createRule(
                api,
                Map.of(
                        "name",
                        "Failures",
                        "event",
                        "execution-failed",
                        "channels",
                        List.of(channelId),
                        "groupWait",
                        "PT0S"));
        work.start("workforce", "manager", 2, 10, 1);
        JsonNode delivery = AlertEndpoints.awaitDelivery(api, channelId, Duration.ofSeconds(60), d -> d.get("status")
                .asString()
                .equals("succeeded"));
        assertThat(delivery.get("title").asString()).contains("test.steps").contains("broke on purpose");
        assertThat(delivery.get("ruleId").asString()).isNotBlank();
    }
}
