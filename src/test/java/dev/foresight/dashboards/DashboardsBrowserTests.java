package dev.foresight.dashboards;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.support.Browsers;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo claims dashboard in two browsers at once: both render real numbers, each sees the other is there, and a
 * filter the manager applies reaches the viewer's page without a reload.
 */
@ForesightTest
class DashboardsBrowserTests {

    static Browsers.Session session;

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    Dashboards dashboards;

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
    void aFilterAppliedInOneBrowserShowsUpInTheOther() {
        var claims = workspaces.findBySlug("claims").orElseThrow();
        var system = new CurrentWorkspace(claims.id(), "claims", "claims", WorkspaceRole.ADMIN, "test");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        dashboards.list(system).stream().anyMatch(d -> d.name().equals("Claims overview")));
        UUID id = dashboards.list(system).stream()
                .filter(d -> d.name().equals("Claims overview"))
                .findFirst()
                .orElseThrow()
                .id();

        var manager = Browsers.signIn(session.browser(), port, "manager", contexts, consoleErrors);
        var viewer = Browsers.signIn(session.browser(), port, "viewer", contexts, consoleErrors);

        // The workspace home leads to the dashboard.
        manager.navigate("/w/claims");
        manager.getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK,
                        new Page.GetByRoleOptions().setName(Pattern.compile("Claims overview")))
                .click();
        manager.waitForURL("**/w/claims/dashboards/" + id);
        viewer.navigate("/w/claims/dashboards/" + id);
        Browsers.awaitLive(manager);
        Browsers.awaitLive(viewer);

        for (var page : List.of(manager, viewer)) {
            assertThat(page.locator(".widget")).hasCount(7);
            assertThat(page.locator(".widget .chart[data-state=ready]"))
                    .hasCount(7, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
            assertThat(page.locator(".widget-error")).hasCount(0);
            // Real figures: the KPI shows a number and its change against the week before.
            assertThat(page.locator(".kpi-value").first()).hasText(Pattern.compile("[0-9]"));
            assertThat(page.locator(".widget canvas").first()).isVisible();
        }
        var payers = viewer.locator(".widget", new Page.LocatorOptions().setHasText("Payers"))
                .locator(".chart");
        assertThat(payers).hasAttribute("data-rows", "8");

        // Presence: each sees both.
        assertThat(viewer.locator("#viewers .viewer")).hasText(new String[] {"manager", "viewer"});
        assertThat(manager.locator("#viewers .viewer")).hasText(new String[] {"manager", "viewer"});

        manager.getByLabel("Filter column").selectOption("payer");
        manager.getByLabel("Operator").selectOption("eq");
        manager.getByLabel("Value").fill("Cigna");
        manager.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Apply filter"))
                .click();

        // The viewer follows within moments, without reloading.
        assertThat(viewer.locator(".filter-badge"))
                .hasText("payer eq Cigna", new LocatorAssertions.HasTextOptions().setTimeout(3_000));
        assertThat(payers)
                .hasAttribute("data-rows", "1", new LocatorAssertions.HasAttributeOptions().setTimeout(5_000));
        assertThat(viewer.locator("#remote-change")).containsText("manager changed this dashboard");
        assertThat(viewer.locator("#dashboard-version")).hasText(Pattern.compile("version [2-9]"));

        // The viewer narrows their own view; it is not saved and the manager's page stays as it is.
        viewer.getByLabel("Filter column").selectOption("status");
        viewer.getByLabel("Value").fill("DENIED");
        viewer.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Apply filter"))
                .click();
        assertThat(viewer.locator(".filter-badge")).hasCount(2);
        assertThat(manager.locator(".filter-badge")).hasCount(1);
        assertThat(dashboards.get(system, id).filters()).hasSize(1);

        manager.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SCREENSHOTS.resolve("claims-dashboard.png"))
                .setFullPage(true));
        org.assertj.core.api.Assertions.assertThat(consoleErrors).isEmpty();
    }
}
