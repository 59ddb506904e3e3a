package dev.foresight.workforce.internal;

import dev.foresight.datasets.Datasets;
import dev.foresight.forecasting.Forecast;
import dev.foresight.forecasting.ForecastStatus;
import dev.foresight.forecasting.Forecasts;
import dev.foresight.forecasting.SeriesForecast;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** What a plan needs from a forecast: its queues' planned volumes, its interval and its dataset's handle times. */
@Component
public class ForecastInputs {

    public static final String AHT_COLUMN = "aht_seconds";

    private final Forecasts forecasts;
    private final Datasets datasets;

    ForecastInputs(Forecasts forecasts, Datasets datasets) {
        this.forecasts = forecasts;
        this.datasets = datasets;
    }

    public record Inputs(
            UUID forecastId, int intervalMinutes, List<PlanCalculator.QueueSeries> series, Map<String, Double> aht) {}

    public Inputs read(CurrentWorkspace workspace, UUID forecastId) {
        var forecast = forecasts.get(workspace, forecastId);
        if (forecast.status() != ForecastStatus.SUCCEEDED) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT,
                    "Forecast " + forecastId + " is " + forecast.status()
                            + "; a plan needs a forecast that has succeeded.");
        }
        int minutes = minutes(forecast.frequency());
        var series = forecast.series().stream()
                .map(s -> new PlanCalculator.QueueSeries(
                        queue(s),
                        s.points().stream()
                                .map(p -> new PlanCalculator.Point(p.time(), p.effective()))
                                .toList()))
                .toList();
        if (series.isEmpty()) {
            throw new InvalidRequestException("Forecast " + forecastId + " has no series to plan for.");
        }
        return new Inputs(forecastId, minutes, series, aht(workspace, forecast));
    }

    static int minutes(String frequency) {
        return switch (frequency) {
            case "15min" -> 15;
            case "30min" -> 30;
            case "60min" -> 60;
            default ->
                throw new InvalidRequestException("A plan needs an intraday forecast (15, 30 or 60 minutes); this one"
                        + " is per " + frequency + ".");
        };
    }

    /** The queue a series is: its one segment value, or its values joined when it has several. */
    static String queue(SeriesForecast series) {
        var values = series.segmentValues();
        if (values.isEmpty()) {
            return series.segment();
        }
        return String.join(" / ", values.values());
    }

    /** Contact-weighted AHT per queue from the dataset, when it has an {@code aht_seconds} column and one segment. */
    private Map<String, Double> aht(CurrentWorkspace workspace, Forecast forecast) {
        if (forecast.segments().size() > 1) {
            return Map.of();
        }
        return datasets.scan(workspace, forecast.datasetId(), forecast.versionId(), scan -> {
            if (scan.find(AHT_COLUMN).isEmpty() || scan.find(forecast.measure()).isEmpty()) {
                return Map.of();
            }
            var aht = scan.column(AHT_COLUMN);
            var measure = scan.column(forecast.measure());
            var segment = forecast.segments().isEmpty()
                    ? null
                    : scan.column(forecast.segments().getFirst());
            var sql = "select " + (segment == null ? "'all'" : "cast(" + segment + " as varchar)")
                    + ", sum(cast(" + aht + " as double) * cast(" + measure + " as double)) / nullif(sum(cast("
                    + measure + " as double)), 0), avg(cast(" + aht + " as double)) from " + scan.table()
                    + " where " + aht + " is not null and " + aht + " > 0 group by 1";
            Map<String, Double> result = new HashMap<>();
            try (var statement = scan.connection().createStatement();
                    var rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    var key = rs.getString(1);
                    double weighted = rs.getDouble(2);
                    double plain = rs.getDouble(3);
                    if (key != null) {
                        result.put(key, Math.round((weighted > 0 ? weighted : plain) * 10) / 10.0);
                    }
                }
            }
            return result;
        });
    }
}
