package dev.foresight.workforce;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.Browsers;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager in the browser: the calculator answers in place, the plan's dashboard draws its gap heatmap, and a
 * what-if move of an agent is previewed (KPIs before and after, nothing saved) and then saved.
 */
@ForesightTest
class CapacityBrowserTests {

    private static final String WS = "hospital";

    static Browsers.Session session;

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void launch() {
        session = Browsers.launch();
    }

    @AfterAll
    static void quit() {
        if (session != null) {
            session.close();
        }
    }

    @BeforeEach
    void seeded() {
        DemoData.awaitSeeded(workspaces);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    /** A plan over a real forecast of a small dataset, made through the API. */
    private String plan() {
        var api = new Api(port);
        var manager = api.tokenFor("manager");
        var upload = api.post(
                "/api/v1/workspaces/" + WS + "/datasets",
                manager,
                Multipart.file("contacts.csv", CapacityApiTests.contacts(LocalDate.of(2026, 11, 30)))
                        .field("name", "Browser contacts"));
        var datasetId = upload.json().get("datasetId").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/workspaces/" + WS + "/datasets/" + datasetId, manager)
                        .json()
                        .path("currentVersionId")
                        .isString());
        var forecastId = api.post(
                        "/api/v1/workspaces/" + WS + "/forecasts",
                        manager,
                        Api.json(Map.of(
                                "dataset",
                                datasetId,
                                "timeColumn",
                                "interval_start",
                                "measure",
                                "contacts",
                                "segments",
                                List.of("queue"),
                                "frequency",
                                "30min",
                                "horizon",
                                96)))
                .json()
                .get("forecastId")
                .asString();
        await().atMost(Duration.ofMinutes(3))
                .until(() -> api.get("/api/v1/workspaces/" + WS + "/forecasts/" + forecastId, manager)
                        .json()
                        .path("status")
                        .asString("")
                        .equals("SUCCEEDED"));
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
        var page = Browsers.signIn(session.browser(), port, "manager", contexts, consoleErrors);

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
