package dev.foresight.workforce;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.foresight.support.Api;
import dev.foresight.support.BrowserJourney;
import dev.foresight.support.Browsers;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A manager in the browser: the calculator answers in place, the plan's dashboard draws its gap heatmap, and a
 * what-if move of an agent is previewed (KPIs before and after, nothing saved) and then saved.
 */
@ForesightTest
class CapacityBrowserTests extends BrowserJourney {

    private static final String WS = "hospital";

    /** A plan over a real forecast of a small dataset, made through the API. */
    private String plan() {
        var api = new Api(port);
        var manager = api.tokenFor("manager");
        var forecastId = CapacityApiTests.contactsForecast(api, manager, WS, "Browser contacts");
        var roster = api.post(
                        "/api/v1/workspaces/" + WS + "/capacity/rosters",
                        manager,
                        Multipart.file("roster.csv", CapacityApiTests.ROSTER))
                .json()
                .get("id")
                .asString();
        return api.post(
                        "/api/v1/workspaces/" + WS + "/capacity/plans",
                        manager,
                        Api.json(Map.of(
                                "forecastId",
                                forecastId,
                                "rosterId",
                                roster,
                                "name",
                                "Browser plan",
                                "parameters",
                                Map.of("serviceLevel", 0.8, "answerSeconds", 20, "shrinkage", 0.0))))
                .json()
                .get("id")
                .asString();
    }

    @Test
    void aManagerPreviewsAndSavesAnAllocationOnTheDashboard() throws Exception {
        var planId = plan();
        var page = signIn("manager");

        page.navigate("/w/" + WS + "/capacity");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Capacity"))
                .first()
                .isVisible();
        page.getByLabel("Contacts in interval").fill("100");
        page.getByLabel("AHT (seconds)").fill("180");
        page.getByLabel("Shrinkage (0–1)").fill("0.3");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Calculate"))
                .click();
        assertThat(page.locator("#calculator-answer [data-field=agents]")).hasText("20");
        page.getByLabel("AHT (seconds)").fill("0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Calculate"))
                .click();
        assertThat(page.locator("#calculator-result .alert-danger")).containsText("ahtSeconds must be more than 0");

        page.navigate("/w/" + WS + "/capacity/plans/" + planId);
        assertThat(page.locator("#gap-heatmap canvas")).isVisible();
        // The dashboard sits beside the workspace navigation, not below it.
        assertThat(page.locator("#main").boundingBox().y).isLessThan(120);
        var gapBefore = page.locator("[data-kpi=gapHours]").textContent();
        page.getByLabel("Move from").selectOption("Billing");
        page.getByLabel("to", new Page.GetByLabelOptions().setExact(true)).selectOption("Technical");
        page.getByLabel("agents", new Page.GetByLabelOptions().setExact(true)).fill("1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview"))
                .click();
        assertThat(page.locator("#allocation-preview")).containsText("Gap: ");
        assertThat(page.locator("#preview-badge")).isVisible();
        // Nothing is saved by a preview.
        assertThat(page.locator("#allocation-list li")).hasCount(0);

        page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true)).fill("Technical needs help");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save allocation"))
                .click();
        assertThat(page.locator("#allocation-list li")).hasCount(1);
        assertThat(page.locator("#allocation-list")).containsText("Move 1 from Billing to Technical");
        assertThat(page.locator("#allocation-list")).containsText("Technical needs help");
        assertThat(page.locator("[data-kpi=gapHours]")).isVisible();
        Files.createDirectories(Browsers.SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SCREENSHOTS.resolve("capacity-dashboard.png"))
                .setFullPage(true));
        assertThat(gapBefore).isNotBlank();
        assertThat(consoleErrors).isEmpty();
    }
}
