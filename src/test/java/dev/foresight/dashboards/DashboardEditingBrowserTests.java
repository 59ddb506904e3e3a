package dev.foresight.dashboards;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.foresight.dashboards.Widget.Layout;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.support.BrowserJourney;
import dev.foresight.support.ForesightTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Editing a dashboard in the browser: moving and resizing widgets on the grid, a chart saved as PNG, and two editors
 * saving over each other, each on a dashboard of its own built from two of the demo claims widgets.
 */
@ForesightTest
class DashboardEditingBrowserTests extends BrowserJourney {

    /** The grid's row height and gap, as app.css sets them. */
    private static final double ROW = 64 + 12;

    @Autowired
    Dashboards dashboards;

    CurrentWorkspace claims;
    UUID id;
    String paid;
    String volumes;

    @BeforeEach
    void twoWidgetDashboard() {
        var workspace = workspaces.findBySlug("claims").orElseThrow();
        claims = new CurrentWorkspace(workspace.id(), "claims", "claims", WorkspaceRole.ADMIN, "test");
        var overview = DashboardsBrowserTests.awaitDemoDashboard(dashboards, workspaces, "claims", "Claims overview");
        var bar = widget(overview, "Paid amounts by payer", new Layout(0, 0, 4, 3));
        var line = widget(overview, "Claim volumes by week", new Layout(6, 0, 4, 3));
        var created = dashboards.create(
                claims, new DashboardDraft("Editing " + UUID.randomUUID(), List.of(), List.of(bar, line), null));
        id = created.id();
        paid = created.widgets().get(0).id();
        volumes = created.widgets().get(1).id();
    }

    @Test
    void aWidgetDraggedAndResizedOnTheGridKeepsItsNewPlace() {
        var page = open("manager");

        // Two columns right and one row down by its header.
        var cell = cellWidth(page);
        drag(page, widget(page, paid).locator(".card-header h2"), 2 * cell, ROW);
        await().atMost(Duration.ofSeconds(10)).until(() -> layout(paid).equals(new Layout(2, 1, 4, 3)));
        assertThat(page.locator("#dashboard-version")).hasText("version 2");

        // Two columns wider and a row taller by its corner: now it overlaps the line, which moves down below it.
        drag(page, widget(page, paid).locator(".resize-handle"), 2 * cell, ROW);
        await().atMost(Duration.ofSeconds(10)).until(() -> layout(paid).equals(new Layout(2, 1, 6, 4)));
        assertThat(layout(volumes)).isEqualTo(new Layout(6, 5, 4, 3));
        assertThat(page.locator("#dashboard-version")).hasText("version 3");

        // What was saved is what the next visitor sees.
        page.reload();
        var moved = widget(page, paid);
        assertThat(moved).hasCSS("grid-column-start", "3");
        assertThat(moved).hasCSS("grid-column-end", "span 6");
        assertThat(moved).hasCSS("grid-row-start", "2");
        assertThat(moved).hasCSS("grid-row-end", "span 4");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aChartIsSavedAsAPicture() throws Exception {
        var page = open("viewer");

        var download = page.waitForDownload(() -> widget(page, volumes)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download the chart as PNG"))
                .click());

        var png = Files.readAllBytes(download.path());
        assertThat(download.suggestedFilename()).isEqualTo("Claim_volumes_by_week.png");
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertThat(png.length).as("a drawn chart, not an empty canvas").isGreaterThan(5_000);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aStaleSaveOffersReloadAndAMergeThatKeepsBothChanges() {
        var manager = open("manager");
        // The admin's page hears nothing live, as when a save crosses the other's: its next save is over an old
        // version.
        var admin = signIn("admin");
        admin.routeWebSocket(Pattern.compile(".*/ws$"), socket -> {});
        admin.navigate("/w/claims/dashboards/" + id);
        assertThat(admin.locator(".widget .chart[data-state=ready]"))
                .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(30_000));

        filter(manager, "payer", "Cigna");
        assertThat(manager.locator("#dashboard-version")).hasText("version 2");
        filter(admin, "status", "DENIED");
        var conflict = admin.locator("#conflict");
        assertThat(conflict).isVisible();
        assertThat(conflict).containsText("was saved by manager (version 2) after you opened version 1");

        // Reload: their version, without mine.
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reload their version"))
                .click();
        assertThat(conflict).isHidden();
        assertThat(admin.locator(".filter-badge")).hasText(new String[] {"payer eq Cigna"});
        assertThat(admin.locator("#dashboard-version")).hasText("version 2");
        assertThat(dashboards.get(claims, id).filters()).hasSize(1);

        // The manager resizes the line chart; the admin, still on version 2, adds a filter.
        drag(manager, widget(manager, volumes).locator(".resize-handle"), cellWidth(manager), 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> layout(volumes).equals(new Layout(6, 0, 5, 3)));
        filter(admin, "status", "DENIED");
        assertThat(conflict).containsText("after you opened version 2");

        // Merge: the manager's resize and the admin's filter, saved over the manager's version.
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Merge")))
                .click();
        assertThat(conflict).isHidden();
        assertThat(admin.locator("#dashboard-version")).hasText("version 4");
        var merged = dashboards.get(claims, id);
        assertThat(merged.version()).isEqualTo(4);
        assertThat(merged.filters())
                .extracting(f -> f.column() + "=" + f.value())
                .containsExactly("payer=Cigna", "status=DENIED");
        assertThat(merged.widget(volumes).layout()).isEqualTo(new Layout(6, 0, 5, 3));
        assertThat(merged.widget(paid).layout()).isEqualTo(new Layout(0, 0, 4, 3));
        // The manager's page follows the merged save live.
        assertThat(manager.locator("#dashboard-version")).hasText("version 4");
        assertThat(manager.locator(".filter-badge")).hasCount(2);
    }

    @Test
    void aMergeKeepsTheirRenameOfAWidgetAndMyResizeOfTheSameWidget() {
        var admin = signIn("admin");
        admin.routeWebSocket(Pattern.compile(".*/ws$"), socket -> {});
        admin.navigate("/w/claims/dashboards/" + id);
        assertThat(admin.locator(".widget .chart[data-state=ready]"))
                .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(30_000));

        // Someone else renames the line chart; the admin, still on version 1, resizes that same chart.
        var before = dashboards.get(claims, id);
        var renamed = before.widgets().stream()
                .map(w -> new DashboardDraft.WidgetDraft(
                        w.id(),
                        w.type(),
                        w.id().equals(volumes) ? "Claims per week (renamed)" : w.title(),
                        w.query(),
                        w.layout(),
                        w.options()))
                .toList();
        dashboards.save(
                new CurrentWorkspace(claims.id(), "claims", "claims", WorkspaceRole.MANAGER, "manager"),
                id,
                new DashboardDraft(before.name(), before.filters(), renamed, before.version()));
        drag(admin, widget(admin, volumes).locator(".resize-handle"), cellWidth(admin), 0);
        assertThat(admin.locator("#conflict")).isVisible();

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Merge")))
                .click();
        assertThat(admin.locator("#conflict")).isHidden();
        var merged = dashboards.get(claims, id);
        assertThat(merged.widget(volumes).title()).as("their part").isEqualTo("Claims per week (renamed)");
        assertThat(merged.widget(volumes).layout().w())
                .as("my part")
                .isEqualTo(before.widget(volumes).layout().w() + 1);
    }

    @Test
    void aManagerMakesTheDashboardTheWorkspacesHome() {
        var overview = DashboardsBrowserTests.awaitDemoDashboard(dashboards, workspaces, "claims", "Claims overview");
        var name = dashboards.get(claims, id).name();
        try {
            assertThat(open("viewer").locator("#home-toggle")).hasCount(0);

            var manager = open("manager");
            manager.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make workspace home"))
                    .click();
            assertThat(manager.locator("#home-badge")).hasText("Workspace home");
            assertThat(manager.locator("#home-toggle")).hasText("Stop opening the workspace on this");

            manager.navigate("/w/claims");
            var home = manager.locator("#home-dashboards #dashboard");
            assertThat(home.locator("#dashboard-name")).hasText(name);
            DashboardsBrowserTests.assertDrawn(home, 2);
            assertThat(manager.locator("#home-dashboards .list-group")).containsText("Claims overview");
        } finally {
            dashboards.makeHome(claims, overview.id());
        }
        assertThat(dashboards.home(claims).orElseThrow().id()).isEqualTo(overview.id());
    }

    private Page open(String username) {
        var page = signIn(username);
        page.navigate("/w/claims/dashboards/" + id);
        assertThat(page.locator(".widget .chart[data-state=ready]"))
                .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        return page;
    }

    private static Locator widget(Page page, String widgetId) {
        return page.locator(".widget[data-widget-id='" + widgetId + "']");
    }

    /** One column of the 12-column grid and its gap, as the page's script measures it. */
    private static double cellWidth(Page page) {
        return (page.locator("#grid").boundingBox().width + 12) / 12;
    }

    /** Presses on the middle of {@code handle}, moves by (dx, dy) in steps, as a hand does, and lets go. */
    private static void drag(Page page, Locator handle, double dx, double dy) {
        var box = handle.boundingBox();
        var x = box.x + box.width / 2;
        var y = box.y + box.height / 2;
        page.mouse().move(x, y);
        page.mouse().down();
        page.mouse().move(x + dx, y + dy, new Mouse.MoveOptions().setSteps(8));
        page.mouse().up();
    }

    private static void filter(Page page, String column, String value) {
        page.getByLabel("Filter column").selectOption(column);
        page.getByLabel("Operator").selectOption("eq");
        page.getByLabel("Value").fill(value);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filter"))
                .click();
    }

    private Layout layout(String widgetId) {
        return dashboards.get(claims, id).widget(widgetId).layout();
    }

    private static DashboardDraft.WidgetDraft widget(Dashboard dashboard, String title, Layout layout) {
        var widget = dashboard.widgets().stream()
                .filter(w -> w.title().equals(title))
                .findFirst()
                .orElseThrow();
        return new DashboardDraft.WidgetDraft(null, widget.type(), widget.title(), widget.query(), layout, null);
    }
}
