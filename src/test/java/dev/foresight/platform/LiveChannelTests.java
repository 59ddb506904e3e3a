package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.LiveClient;
import dev.foresight.support.TestWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The live channel as a STOMP client sees it: who may connect and subscribe, the progress of an execution as it runs,
 * and the notification bell's messages when it ends.
 */
@ForesightTest
class LiveChannelTests {

    static final String CLAIMS_TOPIC = "/topic/workspace.claims.executions";

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    TestWork work;

    Api api;

    @BeforeEach
    void seeded() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
    }

    @Test
    void aMemberWithAnAccessTokenFollowsAnExecutionUntilItSucceeds() throws Exception {
        try (var live = LiveClient.open(port, api.tokenFor("manager"))) {
            var messages = live.subscribe(CLAIMS_TOPIC);
            settle();
            var id = work.start("claims", "manager", 5, 300, 0);

            var seen = until(messages, id, e -> e.get("status").asString().equals("SUCCEEDED"));

            assertProgressesToSuccess(seen, id);
        }
    }

    @Test
    void connectingWithoutCredentialsIsRefused() {
        try (var live = LiveClient.open(port, null)) {
            var refusal = live.refusal(Duration.ofSeconds(10));
            assertThat(refusal).contains("Sign in");
            assertThat(live.connected()).isFalse();
        }
        try (var live = LiveClient.open(port, "not-a-token")) {
            assertThat(live.refusal(Duration.ofSeconds(10))).contains("bearer token was refused");
            assertThat(live.connected()).isFalse();
        }
    }

    @Test
    void aNonMemberMayNotSubscribeToAnotherWorkspaceAndHearsNothing() throws Exception {
        try (var outsider = LiveClient.open(port, api.tokenFor("outsider"));
                var manager = LiveClient.open(port, api.tokenFor("manager"))) {
            var overheard = outsider.subscribe(CLAIMS_TOPIC);
            assertThat(outsider.refusal(Duration.ofSeconds(10))).contains("may not subscribe to " + CLAIMS_TOPIC);
            var heard = manager.subscribe(CLAIMS_TOPIC);
            settle();

            var id = work.start("claims", "manager", 3, 200, 0);

            // The member next to them hears the whole run; the outsider hears none of it.
            var seen = until(heard, id, e -> e.get("status").asString().equals("SUCCEEDED"));
            assertThat(seen).isNotEmpty();
            assertThat(overheard.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(overheard).isEmpty();
        }
    }

    @Test
    void aSubscriptionIdThatIsNotShortAndPlainIsRefused() {
        try (var live = LiveClient.open(port, api.tokenFor("manager"))) {
            var frame = new StompHeaders();
            frame.setDestination(CLAIMS_TOPIC);
            frame.setId("x".repeat(101));
            live.subscribe(frame);
            // The server sends its ERROR frame and closes: the client hears one or the other first.
            assertThat(live.refusal(Duration.ofSeconds(10)))
                    .containsAnyOf("A subscription id is 1 to 100", "Connection closed");
            // Having heard the ERROR frame, the client may learn of the close a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> !live.connected());
        }
    }

    @Test
    void aWorkspaceApiTokenCannotConnect() {
        var created = api.post(
                "/api/v1/workspaces/claims/api-tokens",
                api.tokenFor("admin"),
                Api.json(Map.of("name", "live-channel-" + UUID.randomUUID())));
        assertThat(created.status()).isEqualTo(201);
        var token = created.json().get("token").asString();
        assertThat(api.get("/api/v1/workspaces/claims/executions/" + UUID.randomUUID(), token)
                        .status())
                .as("the token itself works on the API")
                .isEqualTo(404);

        try (var live = LiveClient.open(port, token)) {
            assertThat(live.refusal(Duration.ofSeconds(10))).contains("API tokens cannot use the live channel");
            assertThat(live.connected()).isFalse();
        }
    }

    @Test
    void theBellTellsWhoStartedAnExecutionHowItEnded() throws Exception {
        try (var manager = LiveClient.open(port, api.tokenFor("manager"));
                var viewer = LiveClient.open(port, api.tokenFor("viewer"))) {
            var bell = manager.subscribe("/user/queue/notifications");
            var otherBell = viewer.subscribe("/user/queue/notifications");
            settle();

            var succeeded = work.start("claims", "manager", 2, 100, 0);
            var failed = work.start("claims", "manager", 3, 100, 2);

            var notifications = notificationsAbout(bell, succeeded, failed);

            var ok = notifications.get(succeeded);
            assertThat(ok.get("text").asString()).isEqualTo("test.steps succeeded");
            assertThat(ok.get("level").asString()).isEqualTo("success");
            assertThat(ok.get("read").asBoolean()).isFalse();

            var broken = notifications.get(failed);
            assertThat(broken.get("text").asString()).isEqualTo("test.steps failed: Step 2 broke on purpose");
            assertThat(broken.get("level").asString()).isEqualTo("danger");

            // Someone else's bell stays quiet about them.
            assertThat(otherBell.stream()
                            .filter(n -> n.toString().contains(succeeded.toString())
                                    || n.toString().contains(failed.toString())))
                    .isEmpty();
        }
    }

    static void assertProgressesToSuccess(List<JsonNode> seen, UUID id) {
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.get("id").asString()).isEqualTo(id.toString());
            assertThat(e.get("workspace").asString()).isEqualTo("claims");
            assertThat(e.get("type").asString()).isEqualTo("test.steps");
        });
        var progress = seen.stream().map(e -> e.get("progress").asInt()).toList();
        assertThat(progress).as("progress as it arrived").isSorted();
        assertThat(progress.stream().filter(p -> p > 0 && p < 100).distinct())
                .as("intermediate progress in %s", progress)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(seen.stream().map(e -> e.get("status").asString()))
                .as("statuses")
                .contains("RUNNING");
        var last = seen.getLast();
        assertThat(last.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(last.get("progress").asInt()).isEqualTo(100);
        assertThat(last.get("finishedAt").isNull()).isFalse();
        assertThat(last.get("error").isNull()).isTrue();
    }

    /** The messages about one execution, in order, up to and including the first that matches. */
    static List<JsonNode> until(BlockingQueue<JsonNode> messages, UUID id, Predicate<JsonNode> last)
            throws InterruptedException {
        var seen = new ArrayList<JsonNode>();
        var deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            var next = messages.poll(500, TimeUnit.MILLISECONDS);
            if (next == null || !id.toString().equals(next.path("id").asString(null))) {
                continue;
            }
            seen.add(next);
            if (last.test(next)) {
                return seen;
            }
        }
        throw new AssertionError("Execution " + id + " did not finish on the live channel; saw " + seen);
    }

    /** Waits for the bell's notification about each execution, known by the link to it. */
    static Map<UUID, JsonNode> notificationsAbout(BlockingQueue<JsonNode> bell, UUID... executions)
            throws InterruptedException {
        var found = new HashMap<UUID, JsonNode>();
        var other = new ArrayList<JsonNode>();
        var deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (found.size() < executions.length && System.nanoTime() < deadline) {
            var next = bell.poll(500, TimeUnit.MILLISECONDS);
            if (next == null) {
                continue;
            }
            var link = next.path("link").asString("");
            Arrays.stream(executions)
                    .filter(id -> link.endsWith("/executions/" + id))
                    .findFirst()
                    .ifPresentOrElse(id -> found.put(id, next), () -> other.add(next));
        }
        assertThat(found.keySet())
                .as("executions with a notification; other notifications: %s", other)
                .containsExactlyInAnyOrder(executions);
        return found;
    }

    /** SUBSCRIBE has no answer on the in-memory broker; give it a moment to be registered before work starts. */
    static void settle() throws InterruptedException {
        Thread.sleep(300);
    }
}
