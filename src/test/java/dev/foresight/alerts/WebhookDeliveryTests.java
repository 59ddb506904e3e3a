package dev.foresight.alerts;

import static dev.foresight.alerts.AlertEndpoints.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.alerts.internal.AlertMessage;
import dev.foresight.alerts.internal.DeliveryStore;
import dev.foresight.alerts.internal.WebhookSignatures;
import dev.foresight.drift.DriftSeverity;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed webhooks against a real HTTP server: signatures a Standard Webhooks receiver verifies, rotation, retries on
 * the (compressed) schedule to a dead letter and back, 410, 429 with Retry-After, and an endpoint that hangs.
 */
@ForesightTest
class WebhookDeliveryTests {

    @Autowired
    Workspaces workspaces;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    DeliveryStore store;

    @LocalServerPort
    int port;

    Api api;
    MockWebServer server;

    @BeforeEach
    void setUp() throws Exception {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        server = AlertEndpoints.startServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static Dispatcher always(int code) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(code).body("nope").build();
            }
        };
    }

    @Test
    void aTestMessageArrivesSignedSoTheReceiverCanVerifyIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Signed", "url", AlertEndpoints.url(server, "/hooks/in")));
        var secret = channel.get("secret").asString();

        var delivery =
                api.post(BASE + "/channels/" + channel.get("id").asString() + "/test", api.tokenFor("admin"), "");
        assertThat(delivery.status()).as(delivery.body()).isEqualTo(200);
        assertThat(delivery.json().get("status").asString()).isEqualTo("succeeded");
        var attempt = delivery.json().get("attempts").get(0);
        assertThat(attempt.get("statusCode").asInt()).isEqualTo(204);
        assertThat(attempt.get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);

        var request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/hooks/in");
        var id = request.getHeaders().get("webhook-id");
        var timestamp = request.getHeaders().get("webhook-timestamp");
        var signature = request.getHeaders().get("webhook-signature");
        var body = request.getBody().utf8();
        assertThat(id).isEqualTo(delivery.json().get("messageId").asString()).startsWith("msg_");
        assertThat(Long.parseLong(timestamp))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(signature).startsWith("v1,");
        assertThat(WebhookSignatures.verify(secret, id, timestamp, body, signature))
                .isTrue();
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        assertThat(json.get("type").asString()).isEqualTo("alert.test");
        assertThat(json.get("data").get("summary").asString()).contains("this channel works");
    }

    @Test
    void duringARotationBothTheOldAndTheNewSecretSign() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Rotating", "url", AlertEndpoints.url(server, "/r")));
        var id = channel.get("id").asString();
        var old = channel.get("secret").asString();
        var fresh = api.post(BASE + "/channels/" + id + "/rotate-secret", api.tokenFor("admin"), "")
                .json()
                .get("secret")
                .asString();
        api.post(BASE + "/channels/" + id + "/test", api.tokenFor("admin"), "");
        var request = server.takeRequest(5, TimeUnit.SECONDS);
        var signature = request.getHeaders().get("webhook-signature");
        assertThat(signature.split(" ")).hasSize(2);
        var webhookId = request.getHeaders().get("webhook-id");
        var timestamp = request.getHeaders().get("webhook-timestamp");
        var body = request.getBody().utf8();
        assertThat(WebhookSignatures.verify(old, webhookId, timestamp, body, signature))
                .isTrue();
        assertThat(WebhookSignatures.verify(fresh, webhookId, timestamp, body, signature))
                .isTrue();
    }

    @Test
    void anEndpointThatAnswers500ForeverIsRetriedOnTheScheduleThenDeadLetteredAndCanBeResent() throws Exception {
        server.setDispatcher(always(500));
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Broken", "url", AlertEndpoints.url(server, "/500")));
        var channelId = channel.get("id").asString();
        var monitor = UUID.randomUUID();
        AlertEndpoints.createRule(
                api,
                Map.of(
                        "name",
                        "Broken drift",
                        "event",
                        "drift",
                        "minSeverity",
                        "low",
                        "monitorId",
                        monitor,
                        "channels",
                        List.of(channelId),
                        "groupWait",
                        "PT0S"));
        var workforce = workspaces.findBySlug("workforce").orElseThrow();
        AlertEndpoints.publish(
                transactions,
                events,
                AlertEndpoints.drift(monitor, "queue=Billing", DriftSeverity.HIGH, workforce.id(), "workforce"));

        var dead = AlertEndpoints.awaitDelivery(api, channelId, Duration.ofSeconds(60), d -> d.get("status")
                .asString()
                .equals("dead"));
        var attempts = dead.get("attempts");
        assertThat(attempts).hasSize(8);
        assertThat(dead.get("lastError").asString())
                .contains("Gave up after 8 attempts")
                .contains("500");
        var times = new ArrayList<Instant>();
        for (var attempt : attempts) {
            assertThat(attempt.get("statusCode").asInt()).isEqualTo(500);
            times.add(Instant.parse(attempt.get("at").asString()));
        }
        // the compressed schedule is 0, 0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.4 s (±10 %): the last gaps are the longest
        assertThat(Duration.between(times.get(6), times.get(7)).toMillis()).isGreaterThanOrEqualTo(350);
        assertThat(Duration.between(times.get(0), times.get(7)).toMillis()).isGreaterThanOrEqualTo(1800);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            ids.add(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("webhook-id"));
        }
        assertThat(ids).containsOnly(dead.get("messageId").asString());

        var deadLetters = api.get(BASE + "/deliveries?status=dead", api.tokenFor("viewer"))
                .body();
        assertThat(deadLetters).contains(dead.get("id").asString());

        server.setDispatcher(always(200));
        var resent =
                api.post(BASE + "/deliveries/" + dead.get("id").asString() + "/resend", api.tokenFor("manager"), "");
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        var succeeded = AlertEndpoints.awaitDelivery(api, channelId, Duration.ofSeconds(20), d -> d.get("status")
                .asString()
                .equals("succeeded"));
        assertThat(succeeded.get("attempts")).hasSize(9);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("webhook-id"))
                .as("the same webhook-id, so the receiver can drop a duplicate")
                .isEqualTo(dead.get("messageId").asString());
        // resending a delivered message is allowed; resending one in flight is not
        assertThat(api.post(BASE + "/deliveries/" + UUID.randomUUID() + "/resend", api.tokenFor("manager"), "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a410DisablesTheChannelAndLaterDeliveriesAreDeadLettered() {
        server.setDispatcher(always(410));
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Gone", "url", AlertEndpoints.url(server, "/gone")));
        var id = channel.get("id").asString();
        var delivery = api.post(BASE + "/channels/" + id + "/test", api.tokenFor("admin"), "")
                .json();
        assertThat(delivery.get("status").asString()).isEqualTo("dead");
        assertThat(delivery.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(410);
        var shown = api.get(BASE + "/channels/" + id, api.tokenFor("admin")).json();
        assertThat(shown.get("enabled").asBoolean()).isFalse();
        assertThat(shown.get("disabledReason").asString()).contains("410");

        var next = api.post(BASE + "/channels/" + id + "/test", api.tokenFor("admin"), "")
                .json();
        assertThat(next.get("status").asString()).isEqualTo("dead");
        assertThat(next.get("lastError").asString()).contains("disabled");
        assertThat(next.get("attempts")).isEmpty();

        var enabled = api.put(BASE + "/channels/" + id, api.tokenFor("admin"), Api.json(Map.of("enabled", true)));
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().has("disabledReason")).isFalse();
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "2")
                .build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Busy", "url", AlertEndpoints.url(server, "/busy")));
        var channelId = channel.get("id").asString();
        var monitor = UUID.randomUUID();
        AlertEndpoints.createRule(
                api,
                Map.of(
                        "name",
                        "Busy drift",
                        "event",
                        "drift",
                        "monitorId",
                        monitor,
                        "channels",
                        List.of(channelId),
                        "groupWait",
                        "PT0S"));
        var workforce = workspaces.findBySlug("workforce").orElseThrow();
        AlertEndpoints.publish(
                transactions,
                events,
                AlertEndpoints.drift(monitor, "queue=Sales", DriftSeverity.MEDIUM, workforce.id(), "workforce"));
        var done = AlertEndpoints.awaitDelivery(api, channelId, Duration.ofSeconds(30), d -> d.get("status")
                .asString()
                .equals("succeeded"));
        var attempts = done.get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(429);
        var gap = Duration.between(
                Instant.parse(attempts.get(0).get("at").asString()),
                Instant.parse(attempts.get(1).get("at").asString()));
        assertThat(gap.toMillis())
                .as("the schedule alone would retry after 0.1 s")
                .isGreaterThanOrEqualTo(2000);
    }

    @Test
    void anEndpointThatHangsTimesOutWhileTheServerKeepsServing() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .headersDelay(6, TimeUnit.SECONDS)
                .build());
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Slow", "url", AlertEndpoints.url(server, "/slow")));
        var id = channel.get("id").asString();
        var started = Instant.now();
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> api.post(BASE + "/channels/" + id + "/test", api.tokenFor("admin"), ""));
        assertThat(api.get(BASE + "/rules", api.tokenFor("viewer")).status()).isEqualTo(200);
        var delivery = pending.get(30, TimeUnit.SECONDS).json();
        assertThat(delivery.get("status").asString()).isEqualTo("dead");
        var attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("error").asString()).contains("did not answer in time");
        assertThat(attempt.get("statusCode").isNull())
                .as("no answer, no status")
                .isTrue();
        assertThat(attempt.get("latencyMs").asLong()).isBetween(1500L, 5000L);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aDeliveryHeldByANodeThatDiedIsSentOnceItsLeaseRunsOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        var channel = AlertEndpoints.createChannel(
                api, Map.of("type", "webhook", "name", "Recovered", "url", AlertEndpoints.url(server, "/late")));
        var channelId = UUID.fromString(channel.get("id").asString());
        var workforce = workspaces.findBySlug("workforce").orElseThrow();
        var message = AlertMessage.of(
                "drift", "workforce", "Recovery", List.of(Map.of("segment", "queue=Z", "line", "queue=Z moved")));
        var now = Instant.now();
        // persisted before any attempt, then claimed by a node that crashes before it settles the attempt
        var id = store.create(workforce.id(), channelId, null, message, now.plusMillis(500));
        assertThat(store.claim(id, now, now.plusSeconds(3))).isTrue();

        Thread.sleep(1500);
        var held = api.get(BASE + "/deliveries/" + id, api.tokenFor("viewer")).json();
        assertThat(held.get("status").asString())
                .as("nobody else sends while the lease holds")
                .isEqualTo("pending");
        assertThat(held.get("attempts")).isEmpty();

        var sent = AlertEndpoints.awaitDelivery(api, channelId.toString(), Duration.ofSeconds(15), d -> d.get("status")
                .asString()
                .equals("succeeded"));
        assertThat(sent.get("attempts")).hasSize(1);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("webhook-id"))
                .isEqualTo(sent.get("messageId").asString());
    }
}
