package dev.foresight.forecasting.internal;

import dev.foresight.forecasting.ForecastPoint;
import dev.foresight.forecasting.Observation;
import dev.foresight.forecasting.SeriesForecast;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts one loaded series end to end: keeps its recent history (intraday series their last weeks, others their
 * last buckets up to a cap), tries the candidates, and turns the chosen model's forecast into points. A series that
 * never goes below zero gets its forecast and bounds clamped at zero.
 */
final class ForecastEngine {

    private final ForecastingProperties properties;
    private final SeriesForecaster forecaster;
    private final int horizon;
    private final Candidates.Search search;

    ForecastEngine(
            ForecastingProperties properties,
            SeriesForecaster.Settings settings,
            int horizon,
            Candidates.Search search) {
        this.properties = properties;
        this.forecaster = new SeriesForecaster(settings);
        this.horizon = horizon;
        this.search = search;
    }

    SeriesForecast forecast(SeriesLoader.Series series, Frequency frequency) {
        var notes = new ArrayList<>(series.notes());
        int keep = frequency.intraday()
                ? properties.intradayHistoryWeeks() * frequency.secondPeriod()
                : properties.maxHistory();
        int n = series.values().length;
        int from = Math.max(0, n - keep);
        if (from > 0) {
            notes.add("Fitted on the last " + (n - from) + " of " + n + " buckets.");
        }
        var y = Arrays.copyOfRange(series.values(), from, n);
        var times = Arrays.copyOfRange(series.times(), from, n);
        boolean nonNegative = Arrays.stream(y).allMatch(v -> v >= 0);
        var result =
                forecaster.forecast(y, frequency.period(), Candidates.of(frequency, y, search, notes), horizon, notes);

        var history = new ArrayList<Observation>(y.length);
        for (int t = 0; t < y.length; t++) {
            double fitted = result.backtestFitted()[t];
            history.add(
                    new Observation(times[t], y[t], Double.isNaN(fitted) ? null : round(clamp(fitted, nonNegative))));
        }
        var p = result.forecast();
        var points = new ArrayList<ForecastPoint>(horizon);
        LocalDateTime last = times[times.length - 1];
        for (int h = 0; h < horizon; h++) {
            points.add(new ForecastPoint(
                    frequency.next(last, h + 1),
                    round(clamp(p.mean()[h], nonNegative)),
                    round(clamp(p.lo80()[h], nonNegative)),
                    round(clamp(p.hi80()[h], nonNegative)),
                    round(clamp(p.lo95()[h], nonNegative)),
                    round(clamp(p.hi95()[h], nonNegative)),
                    null));
        }
        return new SeriesForecast(
                series.segment(),
                series.segmentValues(),
                result.model(),
                result.note(),
                result.backtest(),
                result.candidates(),
                List.copyOf(history),
                List.copyOf(points));
    }

    private static double clamp(double value, boolean nonNegative) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        return nonNegative ? Math.max(0, value) : value;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
