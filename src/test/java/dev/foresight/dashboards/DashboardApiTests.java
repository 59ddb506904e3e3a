package dev.foresight.dashboards;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.dashboards.internal.DashboardStore;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.datasets.query.SmallSales;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.LiveClient;
import dev.foresight.support.Multipart;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Dashboards through the HTTP API and the live channel, over a real upload in the workforce workspace. */
@ForesightTest
class DashboardApiTests {

    private static final String BASE = "/api/v1/workspaces/workforce/dashboards";
    private static @Nullable String dataset;

    @Autowired
    Workspaces workspaces;

    @Autowired
    DashboardStore store;

    @LocalServerPort
    int port;

    Api api;
    String manager;
    String viewer;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        manager = api.tokenFor("manager");
        viewer = api.tokenFor("viewer");
        if (dataset == null) {
            dataset = SmallSales.upload(api, manager, "workforce", "Dashboard sales");
        }
    }

    static Map<String, Object> widget(String type, String title, Map<String, Object> query) {
        return Map.of("type", type, "title", title, "query", query, "layout", Map.of("x", 0, "y", 0, "w", 6, "h", 4));
    }

    Map<String, Object> revenueByStore() {
        return Map.of(
                "dataset", dataset,
                "measures", List.of(Map.of("column", "revenue", "agg", "sum")),
                "dimensions", List.of("store"));
    }

    JsonNode create(String name) {
        var response = api.post(
                BASE,
                manager,
                Api.json(Map.of(
                        "name", name,
                        "filters", List.of(),
                        "widgets",
                                List.of(
                                        widget("bar", "Revenue by store", revenueByStore()),
                                        widget(
                                                "kpi",
                                                "Units",
                                                Map.of(
                                                        "dataset",
                                                        dataset,
                                                        "measures",
                                                        List.of(Map.of("column", "units", "agg", "sum"))))))));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void createEditDuplicateDeleteAndPin() {
        var created = create("Sales");
        var id = created.get("id").asString();
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(created.get("widgets").size()).isEqualTo(2);
        assertThat(created.get("widgets").get(0).get("id").asString()).isNotBlank();

        var listed = api.get(BASE, viewer).json();
        assertThat(listed.valueStream().map(d -> d.get("id").asString())).contains(id);

        // Pin to dashboard: one widget posted on its own lands below the others.
        var pinned = api.post(
                BASE + "/" + id + "/widgets",
                manager,
                Api.json(Map.of(
                        "type",
                        "line",
                        "title",
                        "Revenue by day",
                        "query",
                        Map.of(
                                "dataset", dataset,
                                "measures", List.of(Map.of("column", "revenue", "agg", "sum")),
                                "dimensions", List.of("day")))));
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(201);
        var withPin = pinned.json();
        assertThat(withPin.get("version").asInt()).isEqualTo(2);
        assertThat(withPin.get("widgets").get(2).get("layout").get("y").asInt()).isEqualTo(4);

        var copy = api.post(BASE + "/" + id + "/duplicate", manager, "").json();
        assertThat(copy.get("name").asString()).isEqualTo("Sales (copy)");
        assertThat(copy.get("widgets").size()).isEqualTo(3);
        assertThat(copy.get("id").asString()).isNotEqualTo(id);

        assertThat(api.delete(BASE + "/" + copy.get("id").asString(), manager).status())
                .isEqualTo(204);
        assertProblem(api.get(BASE + "/" + copy.get("id").asString(), manager), 404);
        assertThat(api.get(BASE + "/" + id, viewer).status()).isEqualTo(200);
    }

    @Test
    void aManagerChoosesTheDashboardTheWorkspaceOpensOn() {
        var first = create("Home one").get("id").asString();
        var second = create("Home two").get("id").asString();

        assertProblem(api.put(BASE + "/" + first + "/home", viewer, ""), 403);
        var insightsHome = demoDashboard("insights", "Retail sales overview");
        assertProblem(api.put(BASE + "/" + insightsHome.get("id").asString() + "/home", manager, ""), 404);

        var made = api.put(BASE + "/" + first + "/home", manager, "");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().get("home").asBoolean()).isTrue();
        assertThat(made.json().get("version").asInt()).as("a home is no edit").isEqualTo(1);
        assertThat(homes()).containsExactly(first);

        // One home per workspace: the second replaces the first; another workspace's home stays as it was.
        assertThat(api.put(BASE + "/" + second + "/home", manager, "").status()).isEqualTo(200);
        assertThat(homes()).containsExactly(second);
        assertThat(demoDashboard("insights", "Retail sales overview")
                        .get("home")
                        .asBoolean())
                .isTrue();

        assertThat(api.delete(BASE + "/" + second + "/home", manager).status()).isEqualTo(204);
        assertThat(homes()).isEmpty();
        assertThat(api.get(BASE + "/" + second, viewer).json().get("home").asBoolean())
                .isFalse();
    }

    @Test
    void theTimeDimensionNeedNotComeFirst() {
        var csv = octoberToNovemberThird("region,day,revenue", day -> "North," + day + ",100\nSouth," + day + ",50\n");
        var dataset = SmallSales.upload(api, manager, "workforce", "Regions by month", csv);
        var spec = monthlySum(dataset, List.of("region", "day"));
        var created = api.post(
                        BASE,
                        manager,
                        Api.json(Map.of(
                                "name",
                                "Regions so far",
                                "widgets",
                                List.of(widget("bar", "By region", spec), widget("kpi", "Revenue", spec)))))
                .json();
        var widgets = BASE + "/" + created.get("id").asString() + "/widgets/";
        var data = api.get(widgets + created.get("widgets").get(0).get("id").asString() + "/data", viewer)
                .json();
        assertThat(data.get("unfinished").get("from").asString()).isEqualTo("2026-11-01");
        var kpi = api.get(widgets + created.get("widgets").get(1).get("id").asString() + "/kpi", viewer)
                .json();
        // Both regions, the first three days of November against the first three of October.
        assertThat(kpi.get("value").asDouble()).isEqualTo(450);
        assertThat(kpi.get("previous").asDouble()).isEqualTo(450);
        assertThat(kpi.get("changePercent").asDouble()).isZero();
    }

    @Test
    void twoManagersChoosingTheHomeAtOnceBothSucceed() throws Exception {
        var ids = List.of(
                create("Home race one").get("id").asString(),
                create("Home race two").get("id").asString());
        var statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<Integer>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (var id : ids) {
                pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        statuses.add(
                                api.put(BASE + "/" + id + "/home", manager, "").status());
                    }
                });
            }
        }
        assertThat(statuses).hasSize(20).containsOnly(200);
        assertThat(homes()).hasSize(1).containsAnyElementsOf(ids);
        assertThat(api.delete(BASE + "/" + homes().getFirst() + "/home", manager)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aKpiSetsThePeriodSoFarAgainstTheSameDaysOfThePeriodBefore() {
        // 100 a day through October, 110 a day on the first three days of November: up 10 %, like with like. The
        // last two monthly rows (3,100 then 330) would read as a fall of 89 %.
        var csv = octoberToNovemberThird(
                "day,revenue", day -> day + "," + (day.getMonthValue() == 10 ? 100 : 110) + "\n");
        var months = SmallSales.upload(api, manager, "workforce", "Partial month", csv);
        var monthly = monthlySum(months, List.of("day"));
        var created = api.post(
                        BASE,
                        manager,
                        Api.json(Map.of("name", "Month so far", "widgets", List.of(widget("kpi", "Revenue", monthly)))))
                .json();
        var path = BASE + "/" + created.get("id").asString() + "/widgets/"
                + created.get("widgets").get(0).get("id").asString();

        var data = api.get(path + "/data", viewer).json();
        var rows = data.get("rows");
        assertThat(rows.get(rows.size() - 2).get(1).asDouble()).isEqualTo(3100);
        assertThat(rows.get(rows.size() - 1).get(1).asDouble()).isEqualTo(330);
        // The chart of the same rows is told that November is not over, and says so under it.
        assertThat(data.get("unfinished").get("from").asString()).isEqualTo("2026-11-01");
        assertThat(data.get("unfinished").get("to").asString()).isEqualTo("2026-11-03");
        assertThat(data.get("notice").asString()).contains("The last month is not over");
        var wholeMonths = URLEncoder.encode(
                Api.json(List.of(Map.of("column", "day", "op", "lt", "value", "2026-11-01"))), StandardCharsets.UTF_8);
        assertThat(api.get(path + "/data?filters=" + wholeMonths, viewer)
                        .json()
                        .get("unfinished")
                        .isNull())
                .as("October ends on the 31st")
                .isTrue();

        var kpi = api.get(path + "/kpi", viewer);
        assertThat(kpi.status()).as(kpi.body()).isEqualTo(200);
        var figure = kpi.json();
        assertThat(figure.get("value").asDouble()).isEqualTo(330);
        assertThat(figure.get("previous").asDouble()).isEqualTo(300);
        assertThat(figure.get("changePercent").asDouble()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figure.get("periods").get("current").get("from").asString()).isEqualTo("2026-11-01");
        assertThat(figure.get("periods").get("previous").get("to").asString()).isEqualTo("2026-10-03");

        // A viewer's filter narrows both spans alike.
        var filters = URLEncoder.encode(
                Api.json(List.of(Map.of("column", "day", "op", "ne", "value", "2026-11-02"))), StandardCharsets.UTF_8);
        var filtered = api.get(path + "/kpi?filters=" + filters, viewer).json();
        assertThat(filtered.get("value").asDouble()).isEqualTo(220);
        assertThat(filtered.get("previous").asDouble()).isEqualTo(300);
    }

    /** Daily rows from 1 October to 3 November 2026: a whole month, then three days of the next. */
    static String octoberToNovemberThird(
            String header, java.util.function.Function<java.time.LocalDate, String> lines) {
        var csv = new StringBuilder(header).append('\n');
        for (var day = java.time.LocalDate.parse("2026-10-01");
                day.isBefore(java.time.LocalDate.parse("2026-11-04"));
                day = day.plusDays(1)) {
            csv.append(lines.apply(day));
        }
        return csv.toString();
    }

    /** The monthly sum of revenue by the given dimensions. */
    static Map<String, Object> monthlySum(String dataset, List<String> dimensions) {
        return Map.of(
                "dataset",
                dataset,
                "measures",
                List.of(Map.of("column", "revenue", "agg", "sum")),
                "dimensions",
                dimensions,
                "timeGrain",
                "month");
    }

    private List<String> homes() {
        return api.get(BASE, viewer)
                .json()
                .valueStream()
                .filter(d -> d.get("home").asBoolean())
                .map(d -> d.get("id").asString())
                .toList();
    }

    private JsonNode demoDashboard(String workspace, String name) {
        var base = "/api/v1/workspaces/" + workspace + "/dashboards";
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.get(base, viewer).json().valueStream().anyMatch(d -> d.get("name")
                        .asString()
                        .equals(name)));
        return api.get(base, viewer)
                .json()
                .valueStream()
                .filter(d -> d.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void widgetDataHonoursTheDashboardFiltersAndComesAsCsv() {
        var created = create("Filtered");
        var id = created.get("id").asString();
        var bar = created.get("widgets").get(0).get("id").asString();
        var kpi = created.get("widgets").get(1).get("id").asString();

        var all = api.get(BASE + "/" + id + "/widgets/" + bar + "/data", viewer);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("rows").toString()).isEqualTo("[[\"North\",525],[\"South\",800]]");

        var saved = save(id, created, Map.of("column", "store", "op", "eq", "value", "South"), manager);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(api.get(BASE + "/" + id + "/widgets/" + kpi + "/data", viewer)
                        .json()
                        .get("rows")
                        .toString())
                .isEqualTo("[[80]]");

        // A viewer's own filter in the view, not saved.
        var view = URLEncoder.encode(
                Api.json(List.of(Map.of("column", "store", "op", "eq", "value", "North"))), StandardCharsets.UTF_8);
        assertThat(api.get(BASE + "/" + id + "/widgets/" + kpi + "/data?filters=" + view, viewer)
                        .json()
                        .get("rows")
                        .toString())
                .isEqualTo("[[210]]");

        var csv = api.get(BASE + "/" + id + "/widgets/" + bar + "/data.csv", viewer);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).isEqualToNormalizingNewlines("store,sum_revenue\nSouth,800\n");
    }

    @Test
    void aStaleSaveIsRefusedWithTheCurrentVersionAndOverwritesNothing() {
        var created = create("Contested");
        var id = created.get("id").asString();
        assertThat(save(id, created, Map.of("column", "store", "op", "eq", "value", "North"), manager)
                        .status())
                .isEqualTo(200);

        var stale = save(id, created, Map.of("column", "store", "op", "eq", "value", "South"), api.tokenFor("admin"));
        var problem = assertProblem(stale, 409);
        assertThat(problem.get("currentVersion").asInt()).isEqualTo(2);
        assertThat(problem.get("updatedBy").asString()).isEqualTo("manager");
        assertThat(problem.get("detail").asString())
                .contains("was saved by manager (version 2) after you opened version 1")
                .contains("Reload");
        var now = api.get(BASE + "/" + id, viewer).json();
        assertThat(now.get("filters").get(0).get("value").asString()).isEqualTo("North");
        assertThat(now.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void viewersMayNotSaveAndBadWidgetsAreRefusedPlainly() {
        var created = create("Guarded");
        var id = created.get("id").asString();
        assertProblem(save(id, created, Map.of("column", "store", "op", "eq", "value", "North"), viewer), 403);
        assertProblem(api.post(BASE, viewer, Api.json(Map.of("name", "Mine"))), 403);

        var badColumn = assertProblem(
                api.post(
                        BASE,
                        manager,
                        Api.json(Map.of(
                                "name",
                                "Bad",
                                "widgets",
                                List.of(widget(
                                        "bar",
                                        "Oops",
                                        Map.of(
                                                "dataset",
                                                dataset,
                                                "measures",
                                                List.of(Map.of("column", "revenu", "agg", "sum")))))))),
                400);
        assertThat(badColumn.get("detail").asString())
                .startsWith("Widget 'Oops': Dataset 'Dashboard sales' has no column 'revenu'")
                .contains("Did you mean 'revenue'?");
        var badType = assertProblem(
                api.post(
                        BASE,
                        manager,
                        Api.json(Map.of("name", "Bad", "widgets", List.of(widget("donut", "D", revenueByStore()))))),
                400);
        assertThat(badType.get("detail").asString())
                .contains("one of [area, bar, heatmap, kpi, line, pie, scatter, table]");
        var offGrid = new java.util.HashMap<>(widget("bar", "Wide", revenueByStore()));
        offGrid.put("layout", Map.of("x", 8, "y", 0, "w", 8, "h", 4));
        assertProblem(api.post(BASE, manager, Api.json(Map.of("name", "Bad", "widgets", List.of(offGrid)))), 400);
    }

    @Test
    void aWidgetOnAMissingDatasetSaysSoWhileTheOthersStillAnswer() {
        var workforce = workspaces.findBySlug("workforce").orElseThrow();
        var id = UUID.randomUUID();
        var gone = new QuerySpec(
                UUID.randomUUID(), List.of(QuerySpec.Measure.of(null, "count")), null, null, null, null, null);
        var live = new QuerySpec(
                UUID.fromString(dataset), List.of(QuerySpec.Measure.of(null, "count")), null, null, null, null, null);
        // As if the dataset was deleted after the widget was saved.
        store.insert(
                workforce.id(),
                id,
                "Orphan",
                List.of(),
                List.of(
                        new Widget("gone", "kpi", "Gone", gone, new Widget.Layout(0, 0, 6, 4), null),
                        new Widget("live", "kpi", "Live", live, new Widget.Layout(6, 0, 6, 4), null)),
                null,
                "test");

        var missing = assertProblem(api.get(BASE + "/" + id + "/widgets/gone/data", viewer), 404);
        assertThat(missing.get("detail").asString())
                .startsWith("Dataset " + gone.dataset())
                .endsWith("was not found.");
        assertThat(api.get(BASE + "/" + id + "/widgets/live/data", viewer)
                        .json()
                        .get("rows")
                        .toString())
                .isEqualTo("[[41]]");
        // The dashboard can still be saved with the orphan on it.
        var dashboard = api.get(BASE + "/" + id, manager).json();
        var renamed = api.put(
                BASE + "/" + id,
                manager,
                Api.json(Map.of(
                        "name", "Orphan, renamed",
                        "filters", List.of(),
                        "widgets", dashboard.get("widgets"),
                        "version", dashboard.get("version").asInt())));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    }

    @Test
    void resultsAreCachedWithCountsInTheMetricsAndEvictedByANewVersion() {
        var created = create("Cached");
        var id = created.get("id").asString();
        var bar = created.get("widgets").get(0).get("id").asString();
        double hitsBefore = metric("hit");
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(BASE + "/" + id + "/widgets/" + bar + "/data", viewer)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(metric("hit")).isGreaterThanOrEqualTo(hitsBefore + 2);
        assertThat(metric("miss")).isGreaterThanOrEqualTo(1);

        // A new version with one more North sale: the widget answers the new figure, not the cached one.
        var ownDataset = SmallSales.upload(api, manager, "workforce", "Evicted sales");
        var query = Map.<String, Object>of(
                "dataset", ownDataset, "measures", List.of(Map.of("column", "units", "agg", "sum")));
        var own = api.post(
                        BASE, manager, Api.json(Map.of("name", "Own", "widgets", List.of(widget("kpi", "U", query)))))
                .json();
        var path = BASE + "/" + own.get("id").asString() + "/widgets/"
                + own.get("widgets").get(0).get("id").asString() + "/data";
        assertThat(api.get(path, viewer).json().get("rows").toString()).isEqualTo("[[290]]");
        var upload = api.post(
                "/api/v1/workspaces/workforce/datasets/" + ownDataset + "/versions",
                manager,
                Multipart.file("sales.csv", SmallSales.csv() + "2026-01-26,North,10,25.00,\n"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() ->
                        api.get(path, viewer).json().path("rows").toString().equals("[[300]]"));
    }

    @Test
    void viewersOfADashboardSeeEachOtherAndEveryChangeLive() throws Exception {
        var created = create("Live");
        var id = created.get("id").asString();
        var topic = "/topic/workspace.workforce.dashboard." + id;
        try (var first = LiveClient.open(port, viewer);
                var second = LiveClient.open(port, manager)) {
            var firstMessages = first.subscribe(topic);
            var presence = firstMessages.poll(5, TimeUnit.SECONDS);
            assertThat(presence).as("presence after subscribing").isNotNull();
            assertThat(presence.get("viewers").toString()).isEqualTo("[\"viewer\"]");

            second.subscribe(topic);
            JsonNode both = null;
            for (var message = firstMessages.poll(5, TimeUnit.SECONDS);
                    message != null;
                    message = firstMessages.poll(5, TimeUnit.SECONDS)) {
                if (message.get("viewers").size() == 2) {
                    both = message;
                    break;
                }
            }
            assertThat(both).as("the first viewer learns of the second").isNotNull();
            assertThat(both.get("viewers").toString()).isEqualTo("[\"manager\",\"viewer\"]");
            assertThat(api.get(BASE + "/" + id + "/viewers", viewer)
                            .json()
                            .get("viewers")
                            .size())
                    .isEqualTo(2);

            long start = System.nanoTime();
            save(id, created, Map.of("column", "store", "op", "eq", "value", "South"), manager);
            JsonNode change = firstMessages.poll(5, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.get("type").asString()).isEqualTo("dashboard");
            assertThat(change.get("by").asString()).isEqualTo("manager");
            assertThat(change.get("version").asInt()).isEqualTo(2);
            assertThat(change.get("dashboard")
                            .get("filters")
                            .get(0)
                            .get("value")
                            .asString())
                    .isEqualTo("South");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void theDemoWorkspacesOpenOnDashboardsWhoseEveryWidgetHasNumbers() {
        for (var demo : Map.of("insights", "Retail sales overview", "claims", "Claims overview")
                .entrySet()) {
            var base = "/api/v1/workspaces/" + demo.getKey() + "/dashboards";
            var dashboard = demoDashboard(demo.getKey(), demo.getValue());
            assertThat(dashboard.get("home").asBoolean())
                    .as("the workspace opens on it")
                    .isTrue();
            assertThat(dashboard.get("widgets").size()).as(demo.getValue()).isGreaterThanOrEqualTo(7);
            for (var widget : dashboard.get("widgets")) {
                var data = api.get(
                        base + "/" + dashboard.get("id").asString() + "/widgets/"
                                + widget.get("id").asString() + "/data",
                        viewer);
                assertThat(data.status())
                        .as(widget.get("title").asString() + ": " + data.body())
                        .isEqualTo(200);
                assertThat(data.json().get("rows").size())
                        .as(widget.get("title").asString())
                        .isPositive();
            }
        }
    }

    @Test
    void anOutsiderCannotWatchAnotherWorkspacesDashboard() {
        var created = create("Private");
        try (var outsider = LiveClient.open(port, api.tokenFor("outsider"))) {
            outsider.subscribe(
                    "/topic/workspace.workforce.dashboard." + created.get("id").asString());
            assertThat(outsider.refusal(Duration.ofSeconds(5))).contains("may not subscribe");
        }
        assertProblem(api.get(BASE + "/" + created.get("id").asString(), api.tokenFor("outsider")), 404);
    }

    private Api.Response save(String id, JsonNode dashboard, Map<String, Object> filter, String token) {
        return api.put(
                BASE + "/" + id,
                token,
                Api.json(Map.of(
                        "name", dashboard.get("name").asString(),
                        "filters", List.of(filter),
                        "widgets", dashboard.get("widgets"),
                        "version", dashboard.get("version").asInt())));
    }

    private double metric(String result) {
        var body = api.get("/actuator/prometheus", null).body();
        var matcher = Pattern.compile("(?m)^cache_gets_total\\{[^}]*cache=\"long.widget-results\"[^}]*result=\""
                        + result + "\"[^}]*} ([0-9.E+-]+)")
                .matcher(body);
        var values = new ArrayList<Double>();
        while (matcher.find()) {
            values.add(Double.parseDouble(matcher.group(1)));
        }
        assertThat(values)
                .as("cache_gets_total of long.widget-results, result=%s", result)
                .isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
