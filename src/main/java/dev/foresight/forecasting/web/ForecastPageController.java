package dev.foresight.forecasting.web;

import dev.foresight.datasets.Datasets;
import dev.foresight.forecasting.AdjustmentRequest;
import dev.foresight.forecasting.Forecast;
import dev.foresight.forecasting.ForecastSpec;
import dev.foresight.forecasting.Forecasts;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import dev.foresight.shared.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

@Controller
@RequestMapping("/w/{slug}/forecasts")
class ForecastPageController {

    private final Forecasts forecasts;
    private final Datasets datasets;
    private final JsonMapper json;

    ForecastPageController(Forecasts forecasts, Datasets datasets, JsonMapper json) {
        this.forecasts = forecasts;
        this.datasets = datasets;
        this.json = json;
    }

    /** The runs, and the form to start one; the form's column choices follow the chosen dataset. */
    @GetMapping
    String list(CurrentWorkspace workspace, Model model) {
        var list = forecasts.list(workspace);
        var names = new LinkedHashMap<UUID, String>();
        var columns = new LinkedHashMap<String, Object>();
        for (var dataset : datasets.list(workspace)) {
            names.put(dataset.id(), dataset.name());
            if (dataset.currentVersionId() == null) {
                continue;
            }
            var schema = datasets.version(workspace, dataset.id(), dataset.currentVersionId()).columns().stream()
                    .map(c -> Map.of("name", c.name(), "type", c.type().name()))
                    .toList();
            columns.put(dataset.id().toString(), Map.of("name", dataset.name(), "columns", schema));
        }
        model.addAttribute("forecasts", list);
        model.addAttribute("datasetNames", names);
        model.addAttribute("datasetsJson", json.writeValueAsString(columns));
        return "forecasting/list";
    }

    @PostMapping
    String start(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable UUID dataset,
            @RequestParam(defaultValue = "") String timeColumn,
            @RequestParam(defaultValue = "") String measure,
            @RequestParam(required = false) @Nullable List<String> segments,
            @RequestParam(defaultValue = "day") String frequency,
            @RequestParam(defaultValue = "0") String horizon,
            @RequestParam(required = false) @Nullable String fill,
            RedirectAttributes redirect) {
        try {
            if (dataset == null) {
                throw new InvalidRequestException("Choose a dataset.");
            }
            int buckets;
            try {
                buckets = Integer.parseInt(horizon.strip());
            } catch (NumberFormatException notANumber) {
                throw new InvalidRequestException("The horizon is a whole number of buckets, not '" + horizon + "'.");
            }
            var requested = forecasts.start(
                    workspace,
                    new ForecastSpec(
                            dataset,
                            timeColumn,
                            measure,
                            segments == null ? List.of() : segments,
                            frequency,
                            buckets,
                            fill == null || fill.isBlank() ? null : fill,
                            null,
                            null));
            return "redirect:/w/" + workspace.slug() + "/forecasts/" + requested.forecastId();
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/w/" + workspace.slug() + "/forecasts";
        }
    }

    @GetMapping("/{forecastId}")
    String detail(CurrentWorkspace workspace, @PathVariable UUID forecastId, Model model) {
        var forecast = forecasts.get(workspace, forecastId);
        model.addAttribute("forecast", forecast);
        model.addAttribute("datasetName", datasetName(workspace, forecast));
        model.addAttribute("adjustments", forecasts.adjustments(workspace, forecastId));
        model.addAttribute("history", forecasts.history(workspace, forecastId));
        return "forecasting/detail";
    }

    /** The forecast as JSON for the page's charts. */
    @GetMapping(value = "/{forecastId}/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Forecast data(CurrentWorkspace workspace, @PathVariable UUID forecastId) {
        return forecasts.get(workspace, forecastId);
    }

    @GetMapping("/{forecastId}/export")
    void export(CurrentWorkspace workspace, @PathVariable UUID forecastId, HttpServletResponse response)
            throws IOException {
        CsvDownload.write(forecasts, workspace, forecastId, response);
    }

    @PostMapping("/{forecastId}/rerun")
    String rerun(CurrentWorkspace workspace, @PathVariable UUID forecastId, RedirectAttributes redirect) {
        var forecast = forecasts.get(workspace, forecastId);
        try {
            var requested = forecasts.start(
                    workspace,
                    new ForecastSpec(
                            forecast.datasetId(),
                            forecast.timeColumn(),
                            forecast.measure(),
                            forecast.segments(),
                            forecast.frequency(),
                            forecast.horizon()));
            return "redirect:/w/" + workspace.slug() + "/forecasts/" + requested.forecastId();
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
            return "redirect:/w/" + workspace.slug() + "/forecasts/" + forecastId;
        }
    }

    @PostMapping("/{forecastId}/adjustments")
    String adjust(
            CurrentWorkspace workspace,
            @PathVariable UUID forecastId,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "set") String kind,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        try {
            double number;
            try {
                number = Double.parseDouble(amount.strip());
            } catch (NumberFormatException notANumber) {
                throw new InvalidRequestException("The amount is a number, not '" + amount + "'.");
            }
            forecasts.adjust(
                    workspace,
                    forecastId,
                    new AdjustmentRequest(
                            segment,
                            time(from, "from"),
                            to == null || to.isBlank() ? null : time(to, "to"),
                            kind.equals("percent") ? null : number,
                            kind.equals("percent") ? number : null,
                            reason));
            redirect.addFlashAttribute("info", "Adjustment saved.");
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/forecasts/" + forecastId + "#adjustments";
    }

    @PostMapping("/{forecastId}/adjustments/{adjustmentId}/delete")
    String remove(
            CurrentWorkspace workspace,
            @PathVariable UUID forecastId,
            @PathVariable UUID adjustmentId,
            RedirectAttributes redirect) {
        try {
            forecasts.removeAdjustment(workspace, forecastId, adjustmentId);
            redirect.addFlashAttribute("info", "Adjustment removed.");
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/forecasts/" + forecastId + "#adjustments";
    }

    private static @Nullable LocalDateTime time(String text, String field) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip().length() == 16 ? text.strip() + ":00" : text.strip());
        } catch (DateTimeParseException malformed) {
            throw new InvalidRequestException(
                    "'" + field + "' is a date and time such as 2026-01-05T08:30, not '" + text + "'.");
        }
    }

    private String datasetName(CurrentWorkspace workspace, Forecast forecast) {
        try {
            return datasets.get(workspace, forecast.datasetId()).name();
        } catch (ErrorResponseException gone) {
            return "(deleted dataset)";
        }
    }
}
