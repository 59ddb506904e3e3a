package dev.foresight.alerts;

import static dev.foresight.support.Browsers.awaitLive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.foresight.support.Api;
import dev.foresight.support.BrowserJourney;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The deliveries page in a real browser follows deliveries made after it loaded: a test message sent to the demo
 * receiver appears, with its status, without reloading, and with no error in the console.
 */
@ForesightTest
class AlertDeliveriesBrowserTests extends BrowserJourney {

    private static final String CLAIMS = "/api/v1/workspaces/claims/alerts";

    @Test
    void aNewDeliveryAppearsOnTheOpenDeliveriesPage() {
        var api = new Api(port);
        var admin = api.tokenFor("admin");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(CLAIMS + "/channels", admin).body().contains("\"demoReceiver\":true"));
        var demo = api.get(CLAIMS + "/channels", admin)
                .json()
                .valueStream()
                .filter(c -> c.get("demoReceiver").asBoolean())
                .findFirst()
                .orElseThrow();

        var page = signIn("manager");
        page.navigate("/w/claims/alerts/deliveries");
        awaitLive(page);
        page.evaluate("() => { window.__sameDocument = true; }");

        var sent = api.post(CLAIMS + "/channels/" + demo.get("id").asString() + "/test", admin, "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var delivery = sent.json().get("id").asString();

        var row = page.locator("tr[data-delivery=\"" + delivery + "\"]");
        PlaywrightAssertions.assertThat(row).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        PlaywrightAssertions.assertThat(row.locator(".badge"))
                .hasText(sent.json().get("status").asString());
        assertThat(page.evaluate("() => window.__sameDocument === true"))
                .as("the page was not reloaded")
                .isEqualTo(true);
        assertThat(consoleErrors).as("console errors").isEmpty();
    }
}
