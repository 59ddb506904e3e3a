package dev.foresight.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The claims demo end to end, with nothing published by hand: the seeded drift monitor runs on the demo claims, flags
 * Cigna's denial rate, the seeded rule turns that into one alert, and the built-in receiver shows it signed and verified.
 */
@ForesightTest
class DemoDriftAlertTests {

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    @Test
    void theDemoMonitorsFindingArrivesVerifiedAtTheDemoReceiver() {
        DemoData.awaitSeeded(workspaces);
        var api = new Api(port);
        var viewer = api.tokenFor("viewer");
        var receiver = "/api/v1/workspaces/claims/alerts/demo-receiver";

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get(receiver, viewer).body().contains("Claims per payer"));

        var receipt = api.get(receiver, viewer)
                .json()
                .valueStream()
                .filter(r -> r.get("body").asString().contains("Claims per payer"))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.get("verified").asBoolean()).isTrue();
        assertThat(receipt.get("signature").asString()).startsWith("v1,");
        var body = receipt.get("body").asString();
        assertThat(body).contains("payer=Cigna");
        for (var other : new String[] {"Aetna", "UnitedHealthcare", "Humana", "Kaiser", "BlueCross", "Anthem"}) {
            assertThat(body).as("only the drifted payer is alerted").doesNotContain("payer=" + other);
        }
    }
}
