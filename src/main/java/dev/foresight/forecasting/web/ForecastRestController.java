package dev.foresight.forecasting.web;

import dev.foresight.forecasting.Adjustment;
import dev.foresight.forecasting.AdjustmentRequest;
import dev.foresight.forecasting.Forecast;
import dev.foresight.forecasting.ForecastRequested;
import dev.foresight.forecasting.ForecastSpec;
import dev.foresight.forecasting.Forecasts;
import dev.foresight.shared.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Forecasts", description = "Forecast runs with intervals and backtests, and managers' adjustments")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/forecasts")
class ForecastRestController {

    private final Forecasts forecasts;

    ForecastRestController(Forecasts forecasts) {
        this.forecasts = forecasts;
    }

    @Operation(
            summary = "Starts a forecast of a dataset's measure per segment and frequency; answers 202 with the"
                    + " forecast and the execution that computes it")
    @PostMapping
    ResponseEntity<ForecastRequested> start(CurrentWorkspace workspace, @RequestBody ForecastSpec spec) {
        return ResponseEntity.accepted().body(forecasts.start(workspace, spec));
    }

    @Operation(summary = "The workspace's forecast runs, newest first (without series)")
    @GetMapping
    List<Forecast> list(CurrentWorkspace workspace) {
        return forecasts.list(workspace);
    }

    @Operation(
            summary = "One forecast: status, and per series the chosen model, backtest metrics, candidates, history"
                    + " and points with 80 % and 95 % intervals and adjusted values")
    @GetMapping("/{forecastId}")
    Forecast get(CurrentWorkspace workspace, @PathVariable UUID forecastId) {
        return forecasts.get(workspace, forecastId);
    }

    @Operation(summary = "Every run of the same spec as this forecast, newest first")
    @GetMapping("/{forecastId}/history")
    List<Forecast> history(CurrentWorkspace workspace, @PathVariable UUID forecastId) {
        return forecasts.history(workspace, forecastId);
    }

    @Operation(summary = "The forecast's points as CSV, adjusted values included")
    @GetMapping(value = "/{forecastId}/export", produces = "text/csv")
    void export(CurrentWorkspace workspace, @PathVariable UUID forecastId, HttpServletResponse response)
            throws IOException {
        CsvDownload.write(forecasts, workspace, forecastId, response);
    }

    @Operation(summary = "The managers' adjustments that fall in this forecast's horizon")
    @GetMapping("/{forecastId}/adjustments")
    List<Adjustment> adjustments(CurrentWorkspace workspace, @PathVariable UUID forecastId) {
        return forecasts.adjustments(workspace, forecastId);
    }

    @Operation(
            summary = "Overrides forecast values (a MANAGER): 'value' sets the buckets from 'from' to 'to' (one cell"
                    + " without 'to'), 'percent' raises or lowers them; for one 'segment' or all; with a 'reason'")
    @PostMapping("/{forecastId}/adjustments")
    ResponseEntity<Adjustment> adjust(
            CurrentWorkspace workspace, @PathVariable UUID forecastId, @RequestBody AdjustmentRequest request) {
        return ResponseEntity.status(201).body(forecasts.adjust(workspace, forecastId, request));
    }

    @Operation(summary = "Removes an adjustment")
    @DeleteMapping("/{forecastId}/adjustments/{adjustmentId}")
    ResponseEntity<Void> remove(
            CurrentWorkspace workspace, @PathVariable UUID forecastId, @PathVariable UUID adjustmentId) {
        forecasts.removeAdjustment(workspace, forecastId, adjustmentId);
        return ResponseEntity.noContent().build();
    }
}
