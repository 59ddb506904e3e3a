package dev.foresight.forecasting.internal;

import dev.foresight.forecasting.Backtest;
import dev.foresight.forecasting.ModelScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Forecasts one series: backtests every candidate model over rolling origins, picks the lowest MASE, refits it on all
 * values and forecasts the horizon. Candidates that need more values than the training part has are left out, and the
 * note says so.
 */
final class SeriesForecaster {

    /** How candidates are backtested. */
    record Settings(int windows, int backtestHorizon) {}

    /**
     * The outcome of one series.
     *
     * @param backtestFitted the chosen model's backtest predictions, aligned with the series; NaN where none
     */
    record Result(
            String model,
            @Nullable String note,
            Backtest backtest,
            List<ModelScore> candidates,
            Prediction forecast,
            double[] backtestFitted) {}

    private final Settings settings;

    SeriesForecaster(Settings settings) {
        this.settings = settings;
    }

    Result forecast(double[] y, int seasonalPeriod, List<Model> models, int horizon, List<String> notes) {
        int n = y.length;
        int windows = settings.windows();
        int step = Math.max(1, Math.min(settings.backtestHorizon(), horizon));
        // Shrink the backtest until the training part keeps at least two thirds of the series.
        while (windows > 1 && n - windows * step < (2 * n) / 3) {
            windows--;
        }
        if (n - windows * step < Math.max(3, (2 * n) / 3)) {
            step = Math.max(1, n / 4);
        }
        int firstOrigin = n - windows * step;
        double scale = Accuracy.scale(y, firstOrigin, seasonalPeriod);

        var scored = new ArrayList<Scored>();
        var skipped = new ArrayList<String>();
        for (var model : models) {
            if (firstOrigin < model.minLength()) {
                skipped.add(model.name());
                continue;
            }
            try {
                scored.add(backtest(model, y, firstOrigin, windows, step, scale));
            } catch (RuntimeException failed) {
                skipped.add(model.name());
            }
        }
        if (scored.isEmpty()) {
            throw new IllegalArgumentException("The series has " + n + " values, too few for any model.");
        }
        scored.sort(Comparator.comparingDouble(Scored::mase));
        var best = scored.getFirst();
        var finalFit = best.model.refit(y, n, best.fitted);
        var forecast = finalFit.predict(horizon);
        var candidates = scored.stream()
                .map(s -> new ModelScore(s.fitted.name(), s.backtest))
                .toList();
        if (!skipped.isEmpty()) {
            notes.add("Too few values for " + String.join(", ", skipped) + "; left out.");
        }
        return new Result(
                finalFit.name(),
                notes.isEmpty() ? null : String.join(" ", notes),
                best.backtest,
                candidates,
                forecast,
                best.predictions);
    }

    private record Scored(Model model, Model.Fitted fitted, Backtest backtest, double[] predictions) {
        double mase() {
            return Double.isNaN(backtest.mase()) ? Double.MAX_VALUE : backtest.mase();
        }
    }

    private static Scored backtest(Model model, double[] y, int firstOrigin, int windows, int step, double scale) {
        var accuracy = new Accuracy(scale);
        var predictions = new double[y.length];
        Arrays.fill(predictions, Double.NaN);
        var first = model.fit(y, firstOrigin);
        var fitted = first;
        for (int w = 0; w < windows; w++) {
            int origin = firstOrigin + w * step;
            if (w > 0) {
                fitted = fitted.extend(y, origin);
            }
            var prediction = fitted.predict(step);
            for (int i = 0; i < step && origin + i < y.length; i++) {
                accuracy.add(y[origin + i], prediction, i);
                predictions[origin + i] = prediction.mean()[i];
            }
        }
        return new Scored(model, first, accuracy.result(), predictions);
    }
}
