package dev.foresight.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Browsers;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
