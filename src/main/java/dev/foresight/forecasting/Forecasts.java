package dev.foresight.forecasting;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.executions.Executions;
import dev.foresight.forecasting.internal.ForecastJob;
import dev.foresight.forecasting.internal.ForecastStore;
import dev.foresight.forecasting.internal.ForecastingProperties;
import dev.foresight.forecasting.internal.Frequency;
import dev.foresight.forecasting.internal.SeriesLoader;
import dev.foresight.shared.CsvWriter;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facade of the forecasting module: start runs, read forecasts with managers' adjustments applied, and keep the
 * adjustments layer — always within one workspace.
 */
@Service
public class Forecasts {

    private final ForecastStore store;
    private final SeriesLoader loader;
    private final Executions executions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ForecastingProperties properties;

    Forecasts(
            ForecastStore store,
            SeriesLoader loader,
            Executions executions,
            AuditLog audit,
            ApplicationEventPublisher events,
            ForecastingProperties properties) {
        this.store = store;
        this.loader = loader;
        this.executions = executions;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
    }

    /** Checks the spec against the dataset's current version and queues the run as an execution. */
    @Transactional
    public ForecastRequested start(CurrentWorkspace workspace, ForecastSpec spec) {
        var normalised = check(spec);
        var versionId = loader.check(workspace, normalised);
        var forecastId = UUID.randomUUID();
        store.insert(forecastId, workspace.id(), workspace.slug(), normalised, versionId, workspace.actor());
        var executionId = executions.submit(
                workspace,
                ForecastJob.EXECUTION_TYPE,
                workspace.actor(),
                id -> new ForecastJob.Request(id, forecastId));
        store.setExecution(forecastId, executionId);
        var details = new LinkedHashMap<String, Object>();
        details.put("dataset", normalised.dataset());
        details.put("measure", normalised.measure());
        details.put("segments", normalised.segmentColumns());
        details.put("frequency", normalised.frequency());
        details.put("horizon", normalised.horizon());
        details.put("execution", executionId);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "forecast.started")
                .entity("forecast", forecastId)
                .details(details));
        return new ForecastRequested(forecastId, executionId);
    }

    /** Whether a run of this spec over this dataset version exists already. */
    public boolean exists(CurrentWorkspace workspace, ForecastSpec spec, UUID versionId) {
        return store.exists(workspace.id(), ForecastStore.specKey(check(spec)), versionId);
    }

    private ForecastSpec check(ForecastSpec spec) {
        if (spec.dataset() == null) {
            throw new InvalidRequestException("Name the dataset to forecast ('dataset').");
        }
        if (spec.timeColumn() == null || spec.timeColumn().isBlank()) {
            throw new InvalidRequestException("Name the time column ('timeColumn').");
        }
        if (spec.measure() == null || spec.measure().isBlank()) {
            throw new InvalidRequestException("Name the measure to forecast ('measure').");
        }
        if (spec.frequency() == null) {
            throw new InvalidRequestException("Choose a frequency: 15min, 30min, 60min, day, week or month.");
        }
        var frequency = Frequency.require(spec.frequency());
        if (spec.horizon() < 1 || spec.horizon() > properties.maxHorizon()) {
            throw new InvalidRequestException(
                    "The horizon is 1 to " + properties.maxHorizon() + " buckets, not " + spec.horizon() + ".");
        }
        var segments = spec.segmentColumns().stream()
                .filter(s -> s != null && !s.isBlank())
                .distinct()
                .toList();
        if (segments.size() > 3) {
            throw new InvalidRequestException("A forecast has at most 3 segment columns.");
        }
        if (spec.backtestWindows() != null && (spec.backtestWindows() < 1 || spec.backtestWindows() > 20)) {
            throw new InvalidRequestException("Backtest windows are 1 to 20.");
        }
        if (spec.backtestHorizon() != null
                && (spec.backtestHorizon() < 1 || spec.backtestHorizon() > properties.maxBacktestHorizon())) {
            throw new InvalidRequestException(
                    "The backtest horizon is 1 to " + properties.maxBacktestHorizon() + " buckets.");
        }
        var fill = spec.fill() == null ? null : spec.fill().strip();
        SeriesLoader.checkFill(fill);
        return new ForecastSpec(
                spec.dataset(),
                spec.timeColumn(),
                spec.measure(),
                segments,
                frequency.label(),
                spec.horizon(),
                fill,
                spec.backtestWindows(),
                spec.backtestHorizon());
    }

    /** A forecast with its series and points, managers' adjustments applied. */
    public Forecast get(CurrentWorkspace workspace, UUID forecastId) {
        var forecast = find(workspace, forecastId);
        var adjustments = inHorizon(store.adjustments(workspace.id(), specKey(workspace, forecastId)), forecast);
        if (adjustments.isEmpty()) {
            return forecast;
        }
        var series =
                forecast.series().stream().map(s -> adjusted(s, adjustments)).toList();
        return withSeries(forecast, series);
    }

    /** The workspace's forecast runs, newest first, without their series. */
    public List<Forecast> list(CurrentWorkspace workspace) {
        return store.list(workspace.id(), 200);
    }

    /** Every run of the same spec as this forecast, newest first. */
    public List<Forecast> history(CurrentWorkspace workspace, UUID forecastId) {
        return store.history(workspace.id(), specKey(workspace, forecastId));
    }

    /** The adjustments that fall in this forecast's horizon (all of its spec while it runs), oldest first. */
    public List<Adjustment> adjustments(CurrentWorkspace workspace, UUID forecastId) {
        var forecast = find(workspace, forecastId);
        return inHorizon(store.adjustments(workspace.id(), specKey(workspace, forecastId)), forecast);
    }

    private Forecast find(CurrentWorkspace workspace, UUID forecastId) {
        return store.find(workspace.id(), forecastId, true)
                .orElseThrow(() -> new ResourceNotFoundException("Forecast " + forecastId));
    }

    private static List<Adjustment> inHorizon(List<Adjustment> all, Forecast forecast) {
        LocalDateTime first = null;
        LocalDateTime last = null;
        for (var series : forecast.series()) {
            if (series.points().isEmpty()) {
                continue;
            }
            var a = series.points().getFirst().time();
            var b = series.points().getLast().time();
            first = first == null || a.isBefore(first) ? a : first;
            last = last == null || b.isAfter(last) ? b : last;
        }
        if (first == null) {
            return all;
        }
        var from = first;
        var to = last;
        return all.stream()
                .filter(a -> !a.to().isBefore(from) && !a.from().isAfter(to))
                .toList();
    }

    /** Adds a manager's override, audited; it applies to this run and to later runs of the same spec. */
    @Transactional
    public Adjustment adjust(CurrentWorkspace workspace, UUID forecastId, AdjustmentRequest request) {
        var forecast = find(workspace, forecastId);
        if (forecast.status() != ForecastStatus.SUCCEEDED) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT, "The forecast is " + forecast.status() + "; adjust it once it has succeeded.");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidRequestException("Give a reason for the adjustment.");
        }
        if (request.reason().length() > 1000) {
            throw new InvalidRequestException("A reason has at most 1000 characters.");
        }
        if (request.from() == null) {
            throw new InvalidRequestException("Say from when the adjustment applies ('from').");
        }
        var to = request.to() == null ? request.from() : request.to();
        if (to.isBefore(request.from())) {
            throw new InvalidRequestException("'to' is before 'from'.");
        }
        if ((request.value() == null) == (request.percent() == null)) {
            throw new InvalidRequestException(
                    "Give either a 'value' to set or a 'percent' uplift, not both or neither.");
        }
        if (request.value() != null
                && (!Double.isFinite(request.value()) || request.value() < 0 && nonNegative(forecast))) {
            throw new InvalidRequestException("The value must be a finite number, and not negative for this measure.");
        }
        if (request.percent() != null
                && (!Double.isFinite(request.percent()) || request.percent() <= -100 || request.percent() > 1000)) {
            throw new InvalidRequestException("An uplift is more than -100 % and at most 1000 %.");
        }
        var segment = request.segment() == null
                        || request.segment().isBlank()
                        || request.segment().equals("all")
                ? null
                : request.segment().strip();
        if (segment != null
                && forecast.series().stream().noneMatch(s -> s.segment().equals(segment))) {
            throw new InvalidRequestException("The forecast has no segment '" + segment + "'; its segments are "
                    + forecast.series().stream().map(SeriesForecast::segment).toList() + ".");
        }
        boolean touches = forecast.series().stream()
                .filter(s -> segment == null || s.segment().equals(segment))
                .flatMap(s -> s.points().stream())
                .anyMatch(p -> !p.time().isBefore(request.from()) && !p.time().isAfter(to));
        if (!touches) {
            throw new InvalidRequestException(
                    "No forecast bucket falls between " + request.from() + " and " + to + ".");
        }
        var adjustment = new Adjustment(
                UUID.randomUUID(),
                forecastId,
                segment,
                request.from(),
                to,
                request.value() != null ? AdjustmentKind.SET : AdjustmentKind.UPLIFT,
                request.value(),
                request.percent(),
                request.reason().strip(),
                workspace.actor(),
                java.time.Instant.now());
        store.insertAdjustment(workspace.id(), specKey(workspace, forecastId), adjustment);
        var details = new HashMap<String, Object>();
        details.put("segment", segment == null ? "all" : segment);
        details.put("from", request.from().toString());
        details.put("to", to.toString());
        details.put(
                adjustment.kind() == AdjustmentKind.SET ? "value" : "percent",
                adjustment.kind() == AdjustmentKind.SET ? request.value() : request.percent());
        details.put("reason", adjustment.reason());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "forecast.adjusted")
                .entity("forecast", forecastId)
                .details(details));
        events.publishEvent(new ForecastAdjusted(workspace.slug(), workspace.id(), forecastId));
        return adjustment;
    }

    /** Removes an adjustment from the spec's layer, audited. */
    @Transactional
    public void removeAdjustment(CurrentWorkspace workspace, UUID forecastId, UUID adjustmentId) {
        var key = specKey(workspace, forecastId);
        if (!store.deleteAdjustment(workspace.id(), key, adjustmentId)) {
            throw new ResourceNotFoundException("Adjustment " + adjustmentId);
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "forecast.adjustment-removed")
                .entity("forecast", forecastId)
                .details(Map.of("adjustment", adjustmentId)));
        events.publishEvent(new ForecastAdjusted(workspace.slug(), workspace.id(), forecastId));
    }

    /** Writes every point of every series as spreadsheet-safe CSV, adjusted values included. */
    public void export(CurrentWorkspace workspace, UUID forecastId, Writer out) {
        var forecast = get(workspace, forecastId);
        var csv = new CsvWriter(out);
        var header = new ArrayList<@Nullable Object>(
                List.of("segment", "time", "forecast", "lo80", "hi80", "lo95", "hi95", "adjusted", "model"));
        csv.row(header);
        for (var series : forecast.series()) {
            for (var point : series.points()) {
                csv.row(List.of(
                        series.segment(),
                        point.time().toString(),
                        point.value(),
                        point.lo80(),
                        point.hi80(),
                        point.lo95(),
                        point.hi95(),
                        point.adjusted() == null ? "" : point.adjusted(),
                        series.model()));
            }
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "forecast.exported")
                .entity("forecast", forecastId));
    }

    private String specKey(CurrentWorkspace workspace, UUID forecastId) {
        return store.specKeyOf(workspace.id(), forecastId)
                .orElseThrow(() -> new ResourceNotFoundException("Forecast " + forecastId));
    }

    private static boolean nonNegative(Forecast forecast) {
        return forecast.series().stream().flatMap(s -> s.history().stream()).allMatch(o -> o.value() >= 0);
    }

    private static SeriesForecast adjusted(SeriesForecast series, List<Adjustment> adjustments) {
        var points = new ArrayList<ForecastPoint>(series.points().size());
        for (var point : series.points()) {
            Double adjusted = null;
            for (var adjustment : adjustments) {
                if (!adjustment.covers(series.segment(), point.time())) {
                    continue;
                }
                double base = adjusted == null ? point.value() : adjusted;
                adjusted = adjustment.kind() == AdjustmentKind.SET
                        ? adjustment.value()
                        : base * (1 + adjustment.percent() / 100);
            }
            points.add(
                    adjusted == null
                            ? point
                            : new ForecastPoint(
                                    point.time(),
                                    point.value(),
                                    point.lo80(),
                                    point.hi80(),
                                    point.lo95(),
                                    point.hi95(),
                                    Math.round(adjusted * 10_000) / 10_000.0));
        }
        return new SeriesForecast(
                series.segment(),
                series.segmentValues(),
                series.model(),
                series.note(),
                series.backtest(),
                series.candidates(),
                series.history(),
                points);
    }

    private static Forecast withSeries(Forecast f, List<SeriesForecast> series) {
        return new Forecast(
                f.id(),
                f.datasetId(),
                f.timeColumn(),
                f.measure(),
                f.segments(),
                f.frequency(),
                f.horizon(),
                f.status(),
                f.error(),
                f.createdAt(),
                series,
                f.executionId(),
                f.versionId(),
                f.createdBy(),
                f.seriesDone(),
                f.seriesTotal());
    }
}
