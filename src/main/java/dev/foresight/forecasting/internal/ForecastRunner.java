package dev.foresight.forecasting.internal;

import dev.foresight.executions.Progress;
import dev.foresight.forecasting.ForecastCompleted;
import dev.foresight.forecasting.ForecastStatus;
import dev.foresight.forecasting.SeriesForecast;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes one forecast run: loads its series, forecasts them on a bounded pool shared by all runs, reports "series
 * done of total" as progress, and stores the result with {@link ForecastCompleted} in one transaction.
 */
@Component
public class ForecastRunner implements DisposableBean {

    private final ForecastStore store;
    private final SeriesLoader loader;
    private final ForecastingProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ExecutorService pool;

    ForecastRunner(
            ForecastStore store,
            SeriesLoader loader,
            ForecastingProperties properties,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.store = store;
        this.loader = loader;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.pool = Executors.newFixedThreadPool(
                properties.threads(),
                Thread.ofPlatform().name("forecast-", 0).daemon(true).factory());
    }

    public void run(UUID forecastId, Progress progress) throws InterruptedException {
        var run = store.run(forecastId)
                .orElseThrow(() -> new IllegalStateException("Forecast " + forecastId + " is gone"));
        if (run.status() == ForecastStatus.SUCCEEDED) {
            return;
        }
        try {
            var workspace = new CurrentWorkspace(
                    run.workspaceId(), run.workspaceSlug(), run.workspaceSlug(), WorkspaceRole.ADMIN, "system");
            progress.update(2, "Reading the series");
            var loaded = loader.load(workspace, run.spec(), run.versionId());
            int total = loaded.series().size();
            store.markRunning(forecastId, total);
            var engine = engine(
                    run.spec().backtestWindows(),
                    run.spec().backtestHorizon(),
                    run.spec().horizon());
            var completion = new ExecutorCompletionService<Indexed>(pool);
            var futures = new ArrayList<Future<Indexed>>();
            for (int i = 0; i < total; i++) {
                int index = i;
                var series = loaded.series().get(i);
                futures.add(completion.submit(() -> new Indexed(index, engine.forecast(series, loaded.frequency()))));
            }
            var results = new SeriesForecast[total];
            try {
                for (int done = 1; done <= total; done++) {
                    var next = completion.take().get();
                    results[next.index()] = next.series();
                    store.progress(forecastId, done);
                    progress.update(5 + 90 * done / total, done + " of " + total + " series forecast");
                }
            } catch (ExecutionException failed) {
                var cause = failed.getCause() == null ? failed : failed.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
            } finally {
                futures.forEach(f -> f.cancel(true));
            }
            transactions.executeWithoutResult(tx -> {
                for (int i = 0; i < total; i++) {
                    store.insertSeries(forecastId, i, results[i]);
                }
                store.markSucceeded(forecastId, loaded.versionId());
                events.publishEvent(new ForecastCompleted(
                        run.workspaceSlug(),
                        run.workspaceId(),
                        forecastId,
                        run.spec().dataset()));
            });
        } catch (org.springframework.web.ErrorResponseException invalid) {
            var detail = invalid.getBody().getDetail();
            store.markFailed(forecastId, detail == null ? "The forecast could not be computed." : detail);
            throw new IllegalStateException(detail, invalid);
        } catch (RuntimeException | InterruptedException failed) {
            store.markFailed(forecastId, "The forecast failed: " + failed.getMessage());
            throw failed;
        }
    }

    private record Indexed(int index, SeriesForecast series) {}

    /** The engine configured for one run. */
    ForecastEngine engine(@Nullable Integer windows, @Nullable Integer backtestHorizon, int horizon) {
        int w = windows == null ? properties.backtestWindows() : Math.clamp(windows, 1, 20);
        int h = backtestHorizon == null
                ? Math.min(horizon, properties.maxBacktestHorizon())
                : Math.clamp(backtestHorizon, 1, properties.maxBacktestHorizon());
        return new ForecastEngine(properties, new SeriesForecaster.Settings(w, h), horizon, Candidates.Search.FULL);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
