package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.foresight.executions.ExecutionStatus;
import dev.foresight.support.Api;
import dev.foresight.support.BrowserJourney;
import dev.foresight.support.Browsers;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.TestWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The executions page in a real browser: a person signs in through the form, opens the page and watches work that
 * starts after the page loaded appear, progress and end, without reloading, and with no error in the console.
 */
@ForesightTest
class ExecutionsBrowserTests extends BrowserJourney {

    static final Path SCREENSHOTS = Browsers.SCREENSHOTS;

    @Autowired
    TestWork work;

    @Test
    void aManagerWatchesAnExecutionProgressAndSucceedWithoutReloading() throws Exception {
        var page = signIn("manager");
        page.navigate("/w/claims/executions");
        awaitLive(page);
        page.evaluate("() => { window.__sameDocument = true; }");

        var id = work.start("claims", "manager", 8, 700, 0);

        var row = row(page, id);
        PlaywrightAssertions.assertThat(row).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        var progress = row.locator("[data-field=progress]");
        var status = row.locator("[data-field=status]");
        var seen = new ArrayList<Integer>();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var value = Integer.parseInt(progress.getAttribute("aria-valuenow"));
            if (seen.isEmpty() || seen.getLast() != value) {
                seen.add(value);
            }
            if (value == 100 && status.textContent().strip().equals("SUCCEEDED")) {
                break;
            }
            page.waitForTimeout(100);
        }

        assertThat(seen).as("progress the page showed").isSorted().endsWith(100);
        assertThat(seen.stream().filter(v -> v > 0 && v < 100))
                .as("intermediate progress in %s", seen)
                .hasSizeGreaterThanOrEqualTo(3);
        PlaywrightAssertions.assertThat(status).hasText("SUCCEEDED");
        PlaywrightAssertions.assertThat(status).hasClass(Pattern.compile("\\btext-bg-success\\b"));
        PlaywrightAssertions.assertThat(progress.locator(".progress-bar")).hasText("100%");
        PlaywrightAssertions.assertThat(row.locator("[data-field=message]")).hasText("Done");
        PlaywrightAssertions.assertThat(
                        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")))
                .hasCount(0);
        assertThat(page.evaluate("() => window.__sameDocument === true"))
                .as("the page was not reloaded")
                .isEqualTo(true);

        // The bell rings too: a toast links to the execution that ended.
        var link = "a[href$=\"/executions/" + id + "\"]";
        var toast = page.locator("#toasts .toast", new Page.LocatorOptions().setHas(page.locator(link)));
        PlaywrightAssertions.assertThat(toast.locator(link)).hasText("test.steps succeeded", wait(15));
        PlaywrightAssertions.assertThat(toast).isVisible();
        // Once faded in, so that the screenshot shows it.
        PlaywrightAssertions.assertThat(toast).hasCSS("opacity", "1");
        PlaywrightAssertions.assertThat(page.locator("#bell-count")).isVisible();

        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("executions-live.png"))
                .setFullPage(true));
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    @Test
    void aViewerCannotCancelButAManagerCanAndEveryoneSeesItEnd() throws Exception {
        var id = work.start("claims", "manager", 20, 1500, 0);
        var api = new Api(port);
        var managerToken = api.tokenFor("manager");

        var viewer = signIn("viewer");
        viewer.navigate("/w/claims/executions");
        awaitLive(viewer);
        viewer.evaluate("() => { window.__sameDocument = true; }");
        var viewerRow = row(viewer, id);
        PlaywrightAssertions.assertThat(viewerRow.locator("[data-field=status]"))
                .hasText("RUNNING", wait(20));
        assertThat(api.get("/api/v1/workspaces/claims/executions/" + id, managerToken)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo(ExecutionStatus.RUNNING.name());
        PlaywrightAssertions.assertThat(
                        viewerRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")))
                .hasCount(0);
        PlaywrightAssertions.assertThat(
                        viewer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")))
                .hasCount(0);

        var manager = signIn("manager");
        manager.navigate("/w/claims/executions");
        awaitLive(manager);
        var managerRow = row(manager, id);
        PlaywrightAssertions.assertThat(managerRow.locator("[data-field=status]"))
                .hasText("RUNNING");
        managerRow
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
                .click();

        // The form leads to the execution's own page, which follows it until the work stops at its next step.
        manager.waitForURL("**/w/claims/executions/" + id);
        var card = manager.locator("[data-execution-id=\"" + id + "\"]");
        PlaywrightAssertions.assertThat(card.locator("[data-field=status]")).hasText("CANCELLED", wait(15));
        PlaywrightAssertions.assertThat(card.locator("[data-field=cancel]")).hasCount(0);

        // The viewer's page, open since before the cancel, saw it happen live.
        PlaywrightAssertions.assertThat(viewerRow.locator("[data-field=status]"))
                .hasText("CANCELLED", wait(15));
        PlaywrightAssertions.assertThat(viewerRow.locator("[data-field=message]"))
                .hasText("Cancelled");
        var progress =
                Integer.parseInt(viewerRow.locator("[data-field=progress]").getAttribute("aria-valuenow"));
        assertThat(progress).as("progress stopped short").isLessThan(100);
        assertThat(viewer.evaluate("() => window.__sameDocument === true"))
                .as("the viewer's page was not reloaded")
                .isEqualTo(true);
        assertThat(api.get("/api/v1/workspaces/claims/executions/" + id, managerToken)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo(ExecutionStatus.CANCELLED.name());
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    private static void awaitLive(Page page) {
        Browsers.awaitLive(page);
    }

    private static Locator row(Page page, UUID id) {
        return page.locator("tr[data-execution-id=\"" + id + "\"]");
    }

    private static LocatorAssertions.HasTextOptions wait(int seconds) {
        return new LocatorAssertions.HasTextOptions().setTimeout(seconds * 1000.0);
    }
}
