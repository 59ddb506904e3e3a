package dev.foresight.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.drift.DriftDetected;
import dev.foresight.drift.DriftSeverity;
import dev.foresight.support.Api;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import mockwebserver3.MockWebServer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** What the alert tests share: a loopback HTTP endpoint, channels and rules made through the API, waiting. */
final class AlertEndpoints {

    static final String BASE = "/api/v1/workspaces/workforce/alerts";

    private AlertEndpoints() {}

    static MockWebServer startServer() throws IOException {
        var server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    static String url(MockWebServer server, String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    static JsonNode createChannel(Api api, Map<String, ?> body) {
        var response = api.post(BASE + "/channels", api.tokenFor("admin"), Api.json(body));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static JsonNode createRule(Api api, Map<String, ?> body) {
        var response = api.post(BASE + "/rules", api.tokenFor("manager"), Api.json(body));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    static List<JsonNode> deliveries(Api api, String channelId) {
        var response = api.get(BASE + "/deliveries?channelId=" + channelId, api.tokenFor("viewer"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    /** Waits until the channel's newest delivery matches, and answers it. */
    static JsonNode awaitDelivery(Api api, String channelId, Duration within, Predicate<JsonNode> condition) {
        var found = new JsonNode[1];
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
            var all = deliveries(api, channelId);
            if (!all.isEmpty() && condition.test(all.getFirst())) {
                found[0] = all.getFirst();
                return true;
            }
            return false;
        });
        return found[0];
    }

    static DriftDetected drift(UUID monitorId, String segment, DriftSeverity severity, long workspaceId, String slug) {
        return new DriftDetected(
                slug,
                workspaceId,
                monitorId,
                "Payer drift",
                UUID.randomUUID(),
                UUID.randomUUID(),
                segment,
                "rate(status = 'DENIED')",
                "two-proportion z",
                6.2,
                0.0001,
                0.05,
                severity,
                "8.1 %",
                "31.4 %");
    }

    /** Publishes as a module does: inside its transaction, so listeners run after the commit. */
    static void publish(TransactionTemplate transactions, ApplicationEventPublisher events, Object... published) {
        transactions.executeWithoutResult(status -> {
            for (var event : published) {
                events.publishEvent(event);
            }
        });
    }
}
