package dev.foresight.dashboards;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.support.BrowserJourney;
import dev.foresight.support.Browsers;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo claims dashboard in two browsers at once: both render real numbers, each sees the other is there, and a
 * filter the manager applies reaches the viewer's page without a reload.
 */
@ForesightTest
class DashboardsBrowserTests extends BrowserJourney {

    @Autowired
    Dashboards dashboards;

    @Test
    void theInsightsWorkspaceOpensOnItsRetailDashboardAboveTheInsightFeed() {
        // Nine widgets as seeded, and whatever other tests pinned to it since.
        var retail = awaitDemoDashboard(dashboards, workspaces, "insights", "Retail sales overview");
        var viewer = signIn("viewer");
        viewer.navigate("/w/insights");

        var home = viewer.locator("#home-dashboards #dashboard");
        assertThat(home.locator("#dashboard-name")).hasText("Retail sales overview");
        assertDrawn(home, retail.widgets().size());
        assertThat(home.locator(".kpi-value").first()).hasText(Pattern.compile("[0-9]"));
        // View only on the home page, for everyone: no dragging, and filters stay with the viewer.
        assertThat(home.locator(".resize-handle")).hasCount(0);
        assertThat(home.getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Open dashboard")))
                .isVisible();

        // The insight feed follows the dashboard, with the insights of the retail data.
        var feed = viewer.locator("#insight-feed");
        assertThat(feed.locator("li .badge").first())
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        org.assertj.core.api.Assertions.assertThat(
                        (Boolean) viewer.evaluate("() => !!(document.querySelector('#home-dashboards')"
                                + ".compareDocumentPosition(document.querySelector('#insight-feed'))"
                                + " & Node.DOCUMENT_POSITION_FOLLOWING)"))
                .as("the feed is below the dashboard")
                .isTrue();

        viewer.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SCREENSHOTS.resolve("insights-home.png"))
                .setFullPage(true));
        org.assertj.core.api.Assertions.assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aChartMarksTheLastPeriodWhenItsDataStopsBeforeItsEnd() {
        var api = new dev.foresight.support.Api(port);
        var manager = api.tokenFor("manager");
        // October whole, November to the 3rd: the November bar would read as a collapse without the mark.
        var dataset = dev.foresight.datasets.query.SmallSales.upload(
                api,
                manager,
                "workforce",
                "Month so far " + UUID.randomUUID(),
                DashboardApiTests.octoberToNovemberThird("day,revenue", day -> day + ",100\n"));
        var spec = DashboardApiTests.monthlySum(dataset, List.of("day"));
        var widget = java.util.Map.of(
                "type",
                "bar",
                "title",
                "Revenue by month",
                "query",
                spec,
                "layout",
                java.util.Map.of("x", 0, "y", 0, "w", 6, "h", 4));
        var created = api.post(
                        "/api/v1/workspaces/workforce/dashboards",
                        manager,
                        dev.foresight.support.Api.json(
                                java.util.Map.of("name", "Unfinished month", "widgets", List.of(widget))))
                .json();

        var page = signIn("viewer");
        page.navigate("/w/workforce/dashboards/" + created.get("id").asString());
        assertDrawn(page.locator("#dashboard"), 1);
        assertThat(page.locator(".widget")).containsText("The last month is not over: its data runs from 2026-11-01");
        var marked = page.evaluate("() => echarts.getInstanceByDom(document.querySelector('.widget .chart'))"
                + ".getOption().series[0].markArea.data[0][0].xAxis");
        org.assertj.core.api.Assertions.assertThat(marked).isEqualTo("2026-11-01");
        org.assertj.core.api.Assertions.assertThat(consoleErrors).isEmpty();
    }

    private UUID demoDashboard(String slug, String name) {
        return awaitDemoDashboard(dashboards, workspaces, slug, name).id();
    }

    /** A demo dashboard once its dataset is processed and the seeding made it. */
    static Dashboard awaitDemoDashboard(Dashboards dashboards, Workspaces workspaces, String slug, String name) {
        var workspace = workspaces.findBySlug(slug).orElseThrow();
        var system = new CurrentWorkspace(workspace.id(), slug, slug, WorkspaceRole.ADMIN, "test");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        dashboards.list(system).stream().anyMatch(d -> d.name().equals(name)));
        return dashboards.list(system).stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Every widget drawn from real rows: the charts on a canvas, no widget an error. */
    static void assertDrawn(Locator dashboard, int widgets) {
        assertThat(dashboard.locator(".widget")).hasCount(widgets);
        assertThat(dashboard.locator(".widget .chart[data-state=ready]"))
                .hasCount(widgets, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        assertThat(dashboard.locator(".widget-error")).hasCount(0);
        assertThat(dashboard.locator(".widget canvas").first()).isVisible();
    }

    @Test
    void aFilterAppliedInOneBrowserShowsUpInTheOther() {
        var claims = workspaces.findBySlug("claims").orElseThrow();
        var system = new CurrentWorkspace(claims.id(), "claims", "claims", WorkspaceRole.ADMIN, "test");
        UUID id = demoDashboard("claims", "Claims overview");

        var manager = signIn("manager");
        var viewer = signIn("viewer");

        // The workspace opens on its home dashboard, which leads to the dashboard's own page.
        manager.navigate("/w/claims");
        manager.locator("#home-dashboards")
                .getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Open dashboard"))
                .click();
        manager.waitForURL("**/w/claims/dashboards/" + id);
        viewer.navigate("/w/claims/dashboards/" + id);
        Browsers.awaitLive(manager);
        Browsers.awaitLive(viewer);

        for (var page : List.of(manager, viewer)) {
            assertDrawn(page.locator("#dashboard"), 7);
            assertThat(page.locator(".kpi-value").first()).hasText(Pattern.compile("[0-9]"));
            // Real figures: the KPI shows a number and its change, like with like.
            assertThat(page.locator(".kpi-change").first()).hasText(Pattern.compile("[▲▼] [0-9.]+% vs "));
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
