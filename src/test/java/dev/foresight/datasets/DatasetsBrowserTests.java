package dev.foresight.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.Browsers;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager uploads a file in the browser and watches both bars: the bytes going up, then the processing reported
 * over the live channel, and lands on the new dataset's page with its rows and quality figures.
 */
@ForesightTest
class DatasetsBrowserTests {

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

    @Test
    void aManagerUploadsAFileAndWatchesBothProgressBars(@TempDir Path dir) throws IOException {
        var file = dir.resolve("orders.csv");
        writeOrders(file, 150_000);
        var page = Browsers.signIn(session.browser(), port, "manager", contexts, consoleErrors);
        page.navigate("/w/insights/datasets");
        Browsers.awaitLive(page);
        // Every value either bar shows is kept in sessionStorage, which survives the move to the dataset's page.
        page.evaluate(
                """
                () => {
                  sessionStorage.clear();
                  for (const id of ['upload-progress', 'processing-progress']) {
                    const bar = document.getElementById(id);
                    new MutationObserver(() => {
                      const seen = JSON.parse(sessionStorage.getItem(id) || '[]');
                      seen.push(Number(bar.getAttribute('aria-valuenow')));
                      sessionStorage.setItem(id, JSON.stringify(seen));
                    }).observe(bar, { attributes: true, attributeFilter: ['aria-valuenow'] });
                  }
                }""");
        page.getByPlaceholder("Dataset name (defaults to the file name)").fill("Browser orders");

        page.locator("#upload-file").setInputFiles(file);

        page.waitForURL(
                url -> url.matches(".*/w/insights/datasets/[0-9a-f-]{36}$"),
                new Page.WaitForURLOptions().setTimeout(90_000));
        List<Integer> upload = seen(page, "upload-progress");
        List<Integer> processing = seen(page, "processing-progress");
        assertThat(upload).as("upload bar").isNotEmpty().endsWith(100);
        assertThat(processing)
                .as("processing bar, fed by the live channel")
                .anyMatch(value -> value > 0 && value < 100);
        assertThat(processing).isSorted();

        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Browser orders");
        PlaywrightAssertions.assertThat(page.getByText("Rows read").locator(".."))
                .containsText("150,001", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        PlaywrightAssertions.assertThat(page.locator("#rows table tbody tr")).hasCount(25);
        Files.createDirectories(Browsers.SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SCREENSHOTS.resolve("dataset-uploaded.png"))
                .setFullPage(true));
        assertThat(consoleErrors).isEmpty();
    }

    /**
     * A manager builds a range rule in the rules form: saved without bounds, the server's message appears next to the
     * form; with a maximum, the version is processed again and the quality report counts the rule's violations.
     */
    @Test
    void aManagerAddsARangeRuleInTheFormAndSeesItsViolationsInTheQualityReport(@TempDir Path dir) throws IOException {
        var file = dir.resolve("orders.csv");
        writeOrders(file, 1_000);
        var api = new Api(port);
        var manager = api.tokenFor("manager");
        var accepted = api.post(
                        "/api/v1/workspaces/insights/datasets",
                        manager,
                        Multipart.file("orders.csv", Files.readAllBytes(file)).field("name", "Ruled orders"))
                .json();
        var datasetId = accepted.get("datasetId").asString();
        awaitSucceeded(api, manager, datasetId, accepted.get("versionId").asString());

        var page = Browsers.signIn(session.browser(), port, "manager", contexts, consoleErrors);
        page.navigate("/w/insights/datasets/" + datasetId);
        Browsers.awaitLive(page);
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Rules"))
                .click();
        var table = page.locator("#rules-table tbody tr");
        int defaults = table.count();
        assertThat(defaults).as("the default rules are listed").isPositive();
        PlaywrightAssertions.assertThat(page.locator("#rules-table")).containsText("amount");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a rule"))
                .click();
        page.getByLabel("Type", exact()).selectOption("range");
        PlaywrightAssertions.assertThat(page.getByLabel("Maximum", exact())).isVisible();
        PlaywrightAssertions.assertThat(page.getByLabel("Pattern (the whole value must match)"))
                .isHidden();
        page.locator("#rule-column").selectOption("amount");
        page.getByLabel("Action", exact()).selectOption("warn");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to the rules"))
                .click();
        PlaywrightAssertions.assertThat(table).hasCount(defaults + 1);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rules"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#rules-problem"))
                .containsText("Rule " + (defaults + 1) + " (range): needs a min, a max or both");

        table.last()
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit"))
                .click();
        page.getByLabel("Maximum", exact()).fill("50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply the change"))
                .click();
        PlaywrightAssertions.assertThat(table.last()).containsText("max 50");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rules"))
                .click();

        page.waitForURL(url -> url.contains("?version="), new Page.WaitForURLOptions().setTimeout(90_000));
        PlaywrightAssertions.assertThat(page.locator("#quality")).isVisible();
        // Amounts run 10.0 to 109.9 in steps of 0.1: 599 of the 1,000 are over 50, and "not-a-number" is no number
        // in range either (its row is rejected by the type rule, so 599 rows are warned).
        var rangeRow = page.locator("#quality table")
                .first()
                .locator("tbody tr", new Locator.LocatorOptions().setHasText("range"));
        PlaywrightAssertions.assertThat(rangeRow).containsText("amount");
        PlaywrightAssertions.assertThat(rangeRow).containsText("warn");
        PlaywrightAssertions.assertThat(rangeRow.locator("td").last()).hasText("600");
        PlaywrightAssertions.assertThat(page.getByText("Warned", new Page.GetByTextOptions().setExact(true))
                        .locator(".."))
                .containsText("599");
        var rules = api.get("/api/v1/workspaces/insights/datasets/" + datasetId + "/rules", manager)
                .json();
        assertThat(rules.get(defaults).get("type").asString()).isEqualTo("range");
        assertThat(rules.get(defaults).get("max").asDouble()).isEqualTo(50.0);
        Files.createDirectories(Browsers.SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SCREENSHOTS.resolve("dataset-rule-added.png"))
                .setFullPage(true));
        assertThat(consoleErrors)
                .as("only the refused save, which the form explains")
                .allMatch(error -> error.contains("status of 400"));
    }

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    private static void awaitSucceeded(Api api, String token, String datasetId, String versionId) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(
                                "/api/v1/workspaces/insights/datasets/" + datasetId + "/versions/" + versionId, token)
                        .json()
                        .get("status")
                        .asString()
                        .equals("SUCCEEDED"));
    }

    private static List<Integer> seen(Page page, String bar) {
        @SuppressWarnings("unchecked")
        var values = (List<Object>) page.evaluate("id => JSON.parse(sessionStorage.getItem(id) || '[]')", bar);
        return values.stream().map(value -> ((Number) value).intValue()).toList();
    }

    /** Orders with one row whose amount does not parse, so the dataset has a rejected row to show. */
    private static void writeOrders(Path file, int rows) throws IOException {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("order_id,placed_on,region,amount\n");
            for (int i = 0; i < rows; i++) {
                out.write(String.format(
                        Locale.ROOT,
                        "O%07d,2026-%02d-%02d,%s,%.2f%n",
                        i,
                        1 + i % 12,
                        1 + i % 28,
                        i % 3 == 0 ? "North" : "South",
                        10 + (i % 1000) / 10.0));
            }
            out.write("O9999999,2026-01-01,North,not-a-number\n");
        }
    }
}
