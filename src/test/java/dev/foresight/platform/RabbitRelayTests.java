package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.LiveClient;
import dev.foresight.support.Services;
import dev.foresight.support.TestWork;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * The live channel through the broker relay to RabbitMQ's STOMP plugin, as production runs it with several
 * instances: progress and notifications reach a client by way of RabbitMQ, and readiness reflects the relay.
 */
@ForesightTest
@TestPropertySource(properties = {"foresight.live.relay-enabled=true", "foresight.live.relay-user-queue-expiry=PT2S"})
class RabbitRelayTests {

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    TestWork work;

    @Autowired
    ApplicationContext context;

    @Autowired
    SimpUserRegistry users;

    Api api;

    @BeforeAll
    static void rabbitMq() {
        Services.assumeReachable("RabbitMQ STOMP", "127.0.0.1", 61613);
    }

    @BeforeEach
    void seeded() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
    }

    @Test
    void progressReachesAMemberThroughTheRelay() throws Exception {
        awaitRelay();
        try (var live = LiveClient.open(port, api.tokenFor("manager"))) {
            var messages = live.subscribe(LiveChannelTests.CLAIMS_TOPIC);
            LiveChannelTests.settle();
            var id = work.start("claims", "manager", 5, 300, 0);

            var seen = LiveChannelTests.until(
                    messages, id, e -> e.get("status").asString().equals("SUCCEEDED"));

            LiveChannelTests.assertProgressesToSuccess(seen, id);
            assertThat(live.errors()).isEmpty();
        }
    }

    @Test
    void theBellRingsThroughTheRelayAndItsQueueEndsWithTheSession() throws Exception {
        awaitRelay();
        var before = sessionsOf("manager");
        String queue;
        try (var live = LiveClient.open(port, api.tokenFor("manager"))) {
            var bell = live.subscribe("/user/queue/notifications");
            LiveChannelTests.settle();
            var id = work.start("claims", "manager", 2, 100, 0);

            var mine = LiveChannelTests.notificationsAbout(bell, id).get(id);
            assertThat(mine.get("text").asString()).isEqualTo("test.steps succeeded");
            assertThat(live.errors()).isEmpty();

            var session = sessionsOf("manager");
            session.removeAll(before);
            assertThat(session).hasSize(1);
            queue = "notifications-user" + session.iterator().next();
            assertThat(queueExists(queue))
                    .as("RabbitMQ queue %s while its session is open", queue)
                    .isTrue();
        }

        // Closed pages must not leave their queues in RabbitMQ for ever. Each look is a use that restarts the
        // queue's 2 s expiry, so look less often than that.
        var gone = queue;
        await().atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ofSeconds(3))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(queueExists(gone))
                        .as("RabbitMQ queue %s after its session ended", gone)
                        .isFalse());
    }

    @Test
    void readinessReportsTheRelay() {
        awaitRelay();
        var health = context.getBean("liveChannel", HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(String.valueOf(health.getDetails().get("broker"))).isEqualTo("relay 127.0.0.1:61613");

        var readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    private Set<String> sessionsOf(String username) {
        var user = users.getUser(username);
        var ids = new HashSet<String>();
        if (user != null) {
            user.getSessions().forEach(session -> ids.add(session.getId()));
        }
        return ids;
    }

    /** Asks RabbitMQ itself: subscribing to {@code /amq/queue/<name>} is refused when no such queue exists. */
    static boolean queueExists(String name) throws IOException {
        try (var socket = new Socket("127.0.0.1", 61613)) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            out.write(frame("CONNECT", "accept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n"));
            var connected = readFrame(in);
            assertThat(connected).startsWith("CONNECTED");
            out.write(frame("SUBSCRIBE", "id:probe\ndestination:/amq/queue/" + name + "\nreceipt:probe\n"));
            while (true) {
                var answer = readFrame(in);
                if (answer.startsWith("RECEIPT")) {
                    out.write(frame("DISCONNECT", ""));
                    return true;
                }
                if (answer.startsWith("ERROR")) {
                    assertThat(answer).contains("not_found");
                    return false;
                }
            }
        }
    }

    private static byte[] frame(String command, String headers) {
        return (command + "\n" + headers + "\n\0").getBytes(StandardCharsets.UTF_8);
    }

    private static String readFrame(InputStream in) throws IOException {
        var frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b == -1) {
                throw new EOFException("RabbitMQ closed the connection after " + frame);
            }
            if (frame.size() == 0 && (b == '\n' || b == '\r')) {
                continue;
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }

    /** The relay connects to RabbitMQ in the background after start-up; readiness waits for it. */
    private void awaitRelay() {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/actuator/health/readiness", null).status() == 200);
    }
}
