package dev.foresight.forecasting;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The forecast of one series (one segment).
 *
 * @param segment the segment's label, e.g. {@code queue=Billing}; {@code all} without segment columns
 * @param model the model chosen by backtest MASE, e.g. {@code ETS(A,Ad,A)}
 * @param note what was noticed or fallen back on (too short for a seasonal model, gaps filled, negatives)
 * @param candidates every model tried, best first
 * @param history the buckets the models saw (possibly only the most recent ones), empty in summaries
 */
public record SeriesForecast(
        String segment,
        Map<String, String> segmentValues,
        String model,
        @Nullable String note,
        Backtest backtest,
        List<ModelScore> candidates,
        List<Observation> history,
        List<ForecastPoint> points) {}
