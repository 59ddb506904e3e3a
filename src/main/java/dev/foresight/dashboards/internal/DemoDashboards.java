package dev.foresight.dashboards.internal;

import dev.foresight.dashboards.DashboardDraft;
import dev.foresight.dashboards.DashboardDraft.WidgetDraft;
import dev.foresight.dashboards.Dashboards;
import dev.foresight.dashboards.Widget.Layout;
import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.datasets.query.QuerySpec.Filter;
import dev.foresight.datasets.query.QuerySpec.Measure;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: when the demo datasets are published, {@code insights} gets a "Retail sales overview" and {@code claims} a
 * "Claims overview" (denial rate by payer over weeks, paid amounts, volumes), each its workspace's home. Once per
 * workspace: later versions leave the dashboards as people have edited them.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
class DemoDashboards {

    private static final Logger log = LoggerFactory.getLogger(DemoDashboards.class);

    private final Dashboards dashboards;
    private final Datasets datasets;
    private final DashboardStore store;

    DemoDashboards(Dashboards dashboards, Datasets datasets, DashboardStore store) {
        this.dashboards = dashboards;
        this.datasets = datasets;
        this.store = store;
    }

    @ApplicationModuleListener
    void on(DatasetVersionPublished published) {
        var workspace = new CurrentWorkspace(
                published.workspaceId(), published.workspace(), published.workspace(), WorkspaceRole.ADMIN, "system");
        var name = datasets.get(workspace, published.datasetId()).name();
        DashboardDraft draft = null;
        String key = null;
        if (published.workspace().equals("insights") && name.equals("Retail sales")) {
            key = "demo.retail-sales";
            draft = retail(published.datasetId());
        } else if (published.workspace().equals("claims") && name.equals("Claims")) {
            key = "demo.claims";
            draft = claims(published.datasetId());
        }
        if (draft == null || store.findDemo(workspace.id(), key).isPresent()) {
            return;
        }
        var created = dashboards.create(workspace, draft, key);
        dashboards.makeHome(workspace, created.id());
        log.info("Demo: dashboard '{}' in workspace {}, its home", draft.name(), workspace.slug());
    }

    static DashboardDraft retail(UUID dataset) {
        return new DashboardDraft(
                "Retail sales overview",
                List.of(),
                List.of(
                        widget(
                                "kpi",
                                "Revenue this month vs last",
                                spec(dataset, sum("revenue"), List.of("date"), "month", null, null),
                                0,
                                0,
                                3,
                                3,
                                false),
                        widget(
                                "kpi",
                                "Units this week vs last",
                                spec(dataset, sum("units"), List.of("date"), "week", null, null),
                                0,
                                3,
                                3,
                                3,
                                false),
                        widget(
                                "line",
                                "Revenue by week",
                                spec(dataset, sum("revenue"), List.of("date"), "week", null, null),
                                3,
                                0,
                                9,
                                6,
                                false),
                        widget(
                                "bar",
                                "Revenue by store and category",
                                spec(dataset, sum("revenue"), List.of("store", "category"), null, null, null),
                                0,
                                6,
                                6,
                                5,
                                true),
                        widget(
                                "pie",
                                "Revenue share by category",
                                spec(dataset, sum("revenue"), List.of("category"), null, "-sum_revenue", null),
                                6,
                                6,
                                6,
                                5,
                                false),
                        widget(
                                "area",
                                "Units by month and channel",
                                spec(dataset, sum("units"), List.of("date", "channel"), "month", null, null),
                                0,
                                11,
                                6,
                                5,
                                true),
                        widget(
                                "heatmap",
                                "Units by month and store",
                                spec(dataset, sum("units"), List.of("date", "store"), "month", null, null),
                                6,
                                11,
                                6,
                                5,
                                false),
                        widget(
                                "scatter",
                                "Units against revenue per category",
                                new QuerySpec(
                                        dataset,
                                        List.of(sum("units"), sum("revenue")),
                                        List.of("category"),
                                        null,
                                        null,
                                        null,
                                        null),
                                0,
                                16,
                                6,
                                5,
                                false),
                        widget(
                                "table",
                                "Top store and category pairs",
                                spec(dataset, sum("revenue"), List.of("store", "category"), null, "-sum_revenue", 10),
                                6,
                                16,
                                6,
                                5,
                                false)),
                null);
    }

    static DashboardDraft claims(UUID dataset) {
        var denialRate = new Measure("status", "share", null, "DENIED");
        var denied = List.of(new Filter("status", "eq", "DENIED"));
        return new DashboardDraft(
                "Claims overview",
                List.of(),
                List.of(
                        widget(
                                "kpi",
                                "Paid this week vs last",
                                spec(dataset, sum("paid_amount"), List.of("date_of_service"), "week", null, null),
                                0,
                                0,
                                3,
                                3,
                                false),
                        widget(
                                "kpi",
                                "Claims this week vs last",
                                spec(
                                        dataset,
                                        Measure.of(null, "count"),
                                        List.of("date_of_service"),
                                        "week",
                                        null,
                                        null),
                                0,
                                3,
                                3,
                                3,
                                false),
                        widget(
                                "line",
                                "Denial rate by payer over weeks",
                                spec(dataset, denialRate, List.of("date_of_service", "payer"), "week", null, null),
                                3,
                                0,
                                9,
                                6,
                                false),
                        widget(
                                "bar",
                                "Paid amounts by payer",
                                spec(dataset, sum("paid_amount"), List.of("payer"), null, "-sum_paid_amount", null),
                                0,
                                6,
                                6,
                                5,
                                false),
                        widget(
                                "line",
                                "Claim volumes by week",
                                spec(
                                        dataset,
                                        Measure.of(null, "count"),
                                        List.of("date_of_service"),
                                        "week",
                                        null,
                                        null),
                                6,
                                6,
                                6,
                                5,
                                false),
                        widget(
                                "heatmap",
                                "Denied claims by week and payer",
                                new QuerySpec(
                                        dataset,
                                        List.of(Measure.of(null, "count")),
                                        List.of("date_of_service", "payer"),
                                        "week",
                                        denied,
                                        null,
                                        null),
                                0,
                                11,
                                7,
                                6,
                                false),
                        widget(
                                "table",
                                "Payers",
                                new QuerySpec(
                                        dataset,
                                        List.of(
                                                Measure.of(null, "count"),
                                                sum("billed_amount"),
                                                sum("paid_amount"),
                                                denialRate),
                                        List.of("payer"),
                                        null,
                                        null,
                                        "-share_status",
                                        null),
                                7,
                                11,
                                5,
                                6,
                                false)),
                null);
    }

    private static Measure sum(String column) {
        return Measure.of(column, "sum");
    }

    private static QuerySpec spec(
            UUID dataset,
            Measure measure,
            List<String> dimensions,
            @Nullable String grain,
            @Nullable String sort,
            @Nullable Integer limit) {
        return new QuerySpec(dataset, List.of(measure), dimensions, grain, null, sort, limit);
    }

    private static WidgetDraft widget(
            String type, String title, QuerySpec query, int x, int y, int w, int h, boolean stacked) {
        return new WidgetDraft(
                null, type, title, query, new Layout(x, y, w, h), stacked ? Map.of("stacked", true) : null);
    }
}
