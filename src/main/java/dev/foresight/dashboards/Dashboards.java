package dev.foresight.dashboards;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.dashboards.internal.DashboardStore;
import dev.foresight.dashboards.internal.WidgetResults;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.query.Queries;
import dev.foresight.datasets.query.QueryResult;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/** The facade of the dashboards module: dashboards of one workspace, their widgets and the widgets' data. */
@Service
public class Dashboards {

    public static final Set<String> WIDGET_TYPES =
            Set.of("kpi", "line", "area", "bar", "scatter", "pie", "heatmap", "table");

    private final DashboardStore store;
    private final WidgetResults results;
    private final Queries queries;
    private final Datasets datasets;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DashboardProperties properties;

    Dashboards(
            DashboardStore store,
            WidgetResults results,
            Queries queries,
            Datasets datasets,
            AuditLog audit,
            ApplicationEventPublisher events,
            DashboardProperties properties) {
        this.store = store;
        this.results = results;
        this.queries = queries;
        this.datasets = datasets;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
    }

    public List<Dashboard> list(CurrentWorkspace workspace) {
        return store.list(workspace.id());
    }

    public Dashboard get(CurrentWorkspace workspace, UUID id) {
        return store.find(workspace.id(), id).orElseThrow(() -> new ResourceNotFoundException("Dashboard " + id));
    }

    /** The dashboard the workspace's home page opens on, when someone chose one. */
    public Optional<Dashboard> home(CurrentWorkspace workspace) {
        return store.home(workspace.id());
    }

    /** Makes a dashboard the one the workspace's home page opens on, in place of the one before. */
    @Transactional
    public Dashboard makeHome(CurrentWorkspace workspace, UUID id) {
        get(workspace, id);
        store.setHome(workspace.id(), id);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.made-home")
                .entity("dashboard", id));
        return get(workspace, id);
    }

    /** The workspace's home page opens on no dashboard any more, when this one was it. */
    @Transactional
    public void clearHome(CurrentWorkspace workspace, UUID id) {
        get(workspace, id);
        if (store.clearHome(workspace.id(), id)) {
            audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.home-cleared")
                    .entity("dashboard", id));
        }
    }

    @Transactional
    public Dashboard create(CurrentWorkspace workspace, DashboardDraft draft) {
        return create(workspace, draft, null);
    }

    /** Creates a dashboard; with a demo key, once per workspace (the demo seeding asks again on every publication). */
    @Transactional
    public Dashboard create(CurrentWorkspace workspace, DashboardDraft draft, @Nullable String demoKey) {
        var name = name(draft.name());
        var widgets = widgets(workspace, draft.widgets(), List.of());
        var filters = filters(draft.filters());
        var id = UUID.randomUUID();
        store.insert(workspace.id(), id, name, filters, widgets, demoKey, workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.created")
                .entity("dashboard", id)
                .details(Map.of("name", name, "widgets", widgets.size())));
        return get(workspace, id);
    }

    /**
     * Saves a whole dashboard over the version the edit started from. When someone saved in between, nothing is
     * written and the answer is 409 with the current version, so the editor can reload or merge.
     */
    @Transactional
    public Dashboard save(CurrentWorkspace workspace, UUID id, DashboardDraft draft) {
        var current = get(workspace, id);
        if (draft.version() == null) {
            throw new InvalidRequestException(
                    "A save names the \"version\" it started from; the current one is " + current.version() + ".");
        }
        var name = name(draft.name());
        var widgets = widgets(workspace, draft.widgets(), current.widgets());
        var filters = filters(draft.filters());
        if (draft.version() != current.version()
                || !store.update(workspace.id(), id, draft.version(), name, filters, widgets, workspace.actor())) {
            throw conflict(get(workspace, id), draft.version());
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.saved")
                .entity("dashboard", id)
                .details(Map.of("version", draft.version() + 1, "widgets", widgets.size())));
        return changed(workspace, get(workspace, id));
    }

    /** Adds one widget (as "Pin to dashboard" does) on top of whatever version is current. */
    @Transactional
    public Dashboard addWidget(CurrentWorkspace workspace, UUID id, DashboardDraft.WidgetDraft draft) {
        var current = get(workspace, id);
        var all = new ArrayList<DashboardDraft.WidgetDraft>();
        for (var widget : current.widgets()) {
            all.add(new DashboardDraft.WidgetDraft(
                    widget.id(), widget.type(), widget.title(), widget.query(), widget.layout(), widget.options()));
        }
        var bottom = current.widgets().stream()
                .mapToInt(w -> w.layout().y() + w.layout().h())
                .max()
                .orElse(0);
        var layout = draft.layout() == null ? new Widget.Layout(0, bottom, 6, 4) : draft.layout();
        all.add(new DashboardDraft.WidgetDraft(
                null, draft.type(), draft.title(), draft.query(), layout, draft.options()));
        var widgets = widgets(workspace, all, current.widgets());
        if (!store.update(
                workspace.id(), id, current.version(), current.name(), current.filters(), widgets, workspace.actor())) {
            throw conflict(get(workspace, id), current.version());
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.widget-added")
                .entity("dashboard", id)
                .details(Map.of("title", widgets.getLast().title())));
        return changed(workspace, get(workspace, id));
    }

    @Transactional
    public Dashboard duplicate(CurrentWorkspace workspace, UUID id) {
        var source = get(workspace, id);
        var copyId = UUID.randomUUID();
        var name = source.name().length() > 190 ? source.name().substring(0, 190) : source.name();
        store.insert(
                workspace.id(), copyId, name + " (copy)", source.filters(), source.widgets(), null, workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.duplicated")
                .entity("dashboard", copyId)
                .details(Map.of("from", id)));
        return get(workspace, copyId);
    }

    @Transactional
    public void delete(CurrentWorkspace workspace, UUID id) {
        var dashboard = get(workspace, id);
        store.delete(workspace.id(), id);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dashboard.deleted")
                .entity("dashboard", id)
                .details(Map.of("name", dashboard.name())));
        events.publishEvent(new DashboardChanged(workspace.slug(), workspace.id(), id, workspace.actor(), null));
    }

    /**
     * A widget's rows with the dashboard's filters applied, or with {@code viewFilters} instead when a viewer changed
     * them on the page without saving. Filters on a column the widget's dataset lacks pass it by.
     */
    public QueryResult widgetRows(
            CurrentWorkspace workspace, UUID id, String widgetId, @Nullable List<QuerySpec.Filter> viewFilters) {
        return results.result(workspace, widgetQuery(workspace, id, widgetId, viewFilters));
    }

    /**
     * {@link #widgetRows}, and for a chart over time the period its data stops in when that period is not over
     * (looked up in the cache as the rows are).
     */
    public WidgetData widgetData(
            CurrentWorkspace workspace, UUID id, String widgetId, @Nullable List<QuerySpec.Filter> viewFilters) {
        var query = widgetQuery(workspace, id, widgetId, viewFilters);
        var rows = results.result(workspace, query);
        var time = time(workspace, query, rows);
        var unfinished = time == null
                ? null
                : KpiPeriods.unfinished(query.timeGrain(), time.last()).orElse(null);
        return WidgetData.of(rows, query.timeGrain(), unfinished);
    }

    private QuerySpec widgetQuery(
            CurrentWorkspace workspace, UUID id, String widgetId, @Nullable List<QuerySpec.Filter> viewFilters) {
        var dashboard = get(workspace, id);
        var widget = dashboard.widget(widgetId);
        var filters = viewFilters == null ? dashboard.filters() : filters(viewFilters);
        return widget.query().withFilters(applicable(workspace, widget.query(), filters));
    }

    /**
     * A KPI widget's figure with its change, like with like: the period the data ends in so far against the same
     * span of the period before, under the same filters as {@link #widgetData}.
     */
    public KpiFigure kpi(
            CurrentWorkspace workspace, UUID id, String widgetId, @Nullable List<QuerySpec.Filter> viewFilters) {
        var query = widgetQuery(workspace, id, widgetId, viewFilters);
        var dimensions = query.dimensionsOrEmpty();
        var rows = results.result(workspace, query);
        var measure =
                rows.columns().get(Math.min(dimensions.size(), rows.columns().size() - 1));
        var time = query.measuresOrEmpty().isEmpty() ? null : time(workspace, query, rows);
        if (time == null) {
            var last = rows.rows().isEmpty() ? null : rows.rows().getLast();
            return new KpiFigure(
                    measure, last == null ? null : last.get(rows.columns().indexOf(measure)), null, null, null);
        }
        var periods = time.periods();
        var value = total(workspace, query, time.column(), periods.current());
        var previous = total(workspace, query, time.column(), periods.previous());
        Double change = value instanceof Number now && previous instanceof Number before && before.doubleValue() != 0
                ? (now.doubleValue() - before.doubleValue()) / Math.abs(before.doubleValue()) * 100
                : null;
        return new KpiFigure(measure, value, previous, change, periods);
    }

    /** A query's dimension over time, its last value under the query's filters (ISO text) and the spans to compare. */
    private record TimeDimension(String column, String last, KpiPeriods periods) {}

    /**
     * The first dimension whose values are dates or times, wherever it stands among the dimensions; null without a
     * time grain, rows or such a dimension. The rows show which dimensions hold times, so only that one's last value
     * is looked up: this runs on every cached answer.
     */
    private @Nullable TimeDimension time(CurrentWorkspace workspace, QuerySpec query, QueryResult rows) {
        if (query.timeGrain() == null || rows.rows().isEmpty()) {
            return null;
        }
        var first = rows.rows().getFirst();
        for (var dimension : query.dimensionsOrEmpty()) {
            int column = rows.columns().indexOf(dimension);
            if (column < 0
                    || !(first.get(column) instanceof String value)
                    || KpiPeriods.of(query.timeGrain(), value).isEmpty()) {
                continue;
            }
            var last = lastTime(workspace, query, dimension);
            var periods = KpiPeriods.of(query.timeGrain(), last);
            if (periods.isPresent()) {
                return new TimeDimension(dimension, Objects.requireNonNull(last), periods.get());
            }
        }
        return null;
    }

    /** The last value of the time dimension under the query's filters, as ISO text; null when there is none. */
    private @Nullable String lastTime(CurrentWorkspace workspace, QuerySpec query, String time) {
        var latest = results.result(
                workspace,
                new QuerySpec(
                        query.dataset(),
                        List.of(QuerySpec.Measure.of(time, "max")),
                        List.of(),
                        null,
                        query.filters(),
                        null,
                        null));
        var last = latest.rows().isEmpty() ? null : latest.rows().getFirst().getFirst();
        return last instanceof String text ? text : null;
    }

    /** The query's first measure over one span of its time dimension, across every other dimension. */
    private @Nullable Object total(CurrentWorkspace workspace, QuerySpec query, String time, KpiPeriods.Span span) {
        var within = query.withFilters(
                List.of(new QuerySpec.Filter(time, "ge", span.from()), new QuerySpec.Filter(time, "le", span.to())));
        var result = results.result(
                workspace,
                new QuerySpec(
                        query.dataset(),
                        List.of(query.measuresOrEmpty().getFirst()),
                        List.of(),
                        null,
                        within.filters(),
                        null,
                        null));
        return result.rows().isEmpty() ? null : result.rows().getFirst().getFirst();
    }

    private List<QuerySpec.Filter> applicable(
            CurrentWorkspace workspace, QuerySpec query, List<QuerySpec.Filter> filters) {
        if (filters.isEmpty()) {
            return filters;
        }
        var dataset = datasets.get(workspace, query.dataset());
        if (dataset.currentVersionId() == null) {
            return List.of();
        }
        var columns = new HashSet<String>();
        datasets.version(workspace, dataset.id(), dataset.currentVersionId())
                .columns()
                .forEach(c -> columns.add(c.name()));
        return filters.stream().filter(f -> columns.contains(f.column())).toList();
    }

    private Dashboard changed(CurrentWorkspace workspace, Dashboard dashboard) {
        events.publishEvent(
                new DashboardChanged(workspace.slug(), workspace.id(), dashboard.id(), workspace.actor(), dashboard));
        return dashboard;
    }

    private static ErrorResponseException conflict(Dashboard current, int attempted) {
        var e = new InvalidRequestException(
                HttpStatus.CONFLICT,
                "Dashboard '" + current.name() + "' was saved by " + current.updatedBy() + " (version "
                        + current.version() + ") after you opened version " + attempted
                        + ". Reload to see their changes, or merge yours on top of theirs.");
        e.getBody().setProperty("currentVersion", current.version());
        e.getBody().setProperty("updatedBy", current.updatedBy());
        return e;
    }

    private static String name(@Nullable String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidRequestException("A dashboard needs a name of 1 to 200 characters.");
        }
        return name.strip();
    }

    private static List<QuerySpec.Filter> filters(@Nullable List<QuerySpec.Filter> filters) {
        if (filters == null) {
            return List.of();
        }
        if (filters.size() > 20) {
            throw new InvalidRequestException("A dashboard has at most 20 filters.");
        }
        for (var filter : filters) {
            if (filter == null || filter.column() == null || filter.op() == null) {
                throw new InvalidRequestException("A dashboard filter needs \"column\", \"op\" and usually \"value\".");
            }
        }
        return List.copyOf(filters);
    }

    /**
     * Checks every widget: a known type, a title, a place on the grid and a query that compiles on its dataset. A
     * query saved before is not checked again, so a widget whose dataset was deleted does not block saving the rest.
     */
    private List<Widget> widgets(
            CurrentWorkspace workspace, @Nullable List<DashboardDraft.WidgetDraft> drafts, List<Widget> saved) {
        if (drafts == null) {
            return List.of();
        }
        if (drafts.size() > properties.maxWidgets()) {
            throw new InvalidRequestException("A dashboard has at most " + properties.maxWidgets() + " widgets.");
        }
        var widgets = new ArrayList<Widget>();
        var ids = new HashSet<String>();
        for (int i = 0; i < drafts.size(); i++) {
            var draft = drafts.get(i);
            var label = "Widget " + (i + 1);
            if (draft == null || draft.type() == null || !WIDGET_TYPES.contains(draft.type())) {
                throw new InvalidRequestException(label + " needs a \"type\": one of "
                        + WIDGET_TYPES.stream().sorted().toList() + ".");
            }
            var title = draft.title() == null || draft.title().isBlank()
                    ? draft.type()
                    : draft.title().strip();
            if (title.length() > 200) {
                throw new InvalidRequestException(label + " has a title longer than 200 characters.");
            }
            label = "Widget '" + title + "'";
            if (draft.query() == null || draft.query().dataset() == null) {
                throw new InvalidRequestException(label + " needs a \"query\" naming its \"dataset\".");
            }
            var known = saved.stream().anyMatch(w -> w.query().equals(draft.query()));
            try {
                if (!known) {
                    queries.compile(workspace, draft.query());
                }
            } catch (ErrorResponseException e) {
                throw new InvalidRequestException(label + ": " + e.getBody().getDetail());
            }
            var layout = draft.layout() == null ? new Widget.Layout(0, i * 4, 6, 4) : draft.layout();
            if (layout.x() < 0
                    || layout.x() > 11
                    || layout.w() < 1
                    || layout.x() + layout.w() > 12
                    || layout.y() < 0
                    || layout.y() > 1000
                    || layout.h() < 1
                    || layout.h() > 24) {
                throw new InvalidRequestException(
                        label + " does not fit the grid: x 0–11, w 1–12 with x + w ≤ 12," + " y 0–1000, h 1–24.");
            }
            var id = draft.id() == null || draft.id().isBlank() || !draft.id().matches("[A-Za-z0-9_-]{1,40}")
                    ? UUID.randomUUID().toString().substring(0, 8)
                    : draft.id();
            while (!ids.add(id)) {
                id = UUID.randomUUID().toString().substring(0, 8);
            }
            widgets.add(new Widget(id, draft.type(), title, draft.query(), layout, draft.options()));
        }
        return widgets;
    }
}
