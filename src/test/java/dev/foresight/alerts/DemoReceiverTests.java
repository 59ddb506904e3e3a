package dev.foresight.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.drift.DriftSeverity;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo path the drift module completes: a DriftDetected for Cigna in {@code claims}, published after a commit as
 * the drift module publishes it, reaches the seeded rule, and the built-in receiver shows a verified, signed webhook;
 * the e-mail channel of the same rule lands in the outbox.
 */
@ForesightTest
class DemoReceiverTests {

    static final String CLAIMS = "/api/v1/workspaces/claims/alerts";

    @Autowired
    Workspaces workspaces;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
    }

    @Test
    void aDriftedPayerShowsUpVerifiedAtTheDemoReceiver() {
        var admin = api.tokenFor("admin");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(CLAIMS + "/channels", admin).body().contains("\"demoReceiver\":true"));
        var channels = api.get(CLAIMS + "/channels", admin).json();
        var demo = channels.valueStream()
                .filter(c -> c.get("demoReceiver").asBoolean())
                .findFirst()
                .orElseThrow();
        assertThat(demo.has("secret")).isFalse();
        assertThat(api.get(CLAIMS + "/rules", api.tokenFor("viewer")).body()).contains("\"minSeverity\":\"medium\"");

        var claims = workspaces.findBySlug("claims").orElseThrow();
        var monitor = UUID.randomUUID();
        AlertEndpoints.publish(
                transactions,
                events,
                AlertEndpoints.drift(monitor, "payer=Cigna", DriftSeverity.HIGH, claims.id(), "claims"),
                AlertEndpoints.drift(monitor, "payer=Aetna", DriftSeverity.LOW, claims.id(), "claims"));

        var viewer = api.tokenFor("viewer");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(CLAIMS + "/demo-receiver", viewer).body().contains("payer=Cigna"));
        // The seeded drift monitor may alert the same receiver about the demo data too: any Cigna receipt will do, and
        // its delivery is found by its message id.
        var receipt = api.get(CLAIMS + "/demo-receiver", viewer)
                .json()
                .valueStream()
                .filter(r -> r.get("body").asString().contains("payer=Cigna"))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.get("body").asString()).contains("payer=Cigna");
        assertThat(receipt.get("verified").asBoolean()).isTrue();
        assertThat(receipt.get("signature").asString()).startsWith("v1,");
        assertThat(receipt.get("messageId").asString()).startsWith("msg_");
        assertThat(receipt.get("body").asString()).doesNotContain("payer=Aetna");

        var deliveries = api.get(
                        CLAIMS + "/deliveries?channelId=" + demo.get("id").asString(), viewer)
                .json();
        var delivery = deliveries
                .valueStream()
                .filter(d -> d.get("messageId")
                        .asString()
                        .equals(receipt.get("messageId").asString()))
                .findFirst()
                .orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(
                        CLAIMS + "/deliveries/" + delivery.get("id").asString(), viewer)
                .body()
                .contains("\"status\":\"succeeded\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(CLAIMS + "/outbox", api.tokenFor("manager"))
                .body()
                .contains("payer=Cigna"));
    }
}
