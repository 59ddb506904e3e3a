package dev.foresight.forecasting.web;

import dev.foresight.forecasting.Forecasts;
import dev.foresight.shared.CurrentWorkspace;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A forecast's points as a CSV download, the same from the page and from the API. */
final class CsvDownload {

    private CsvDownload() {}

    static void write(Forecasts forecasts, CurrentWorkspace workspace, UUID forecastId, HttpServletResponse response)
            throws IOException {
        // Written to a string first, so a forecast that cannot be exported answers a problem, not half a file.
        var csv = new StringWriter();
        forecasts.export(workspace, forecastId, csv);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"forecast-" + forecastId + ".csv\"");
        response.getOutputStream().write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
