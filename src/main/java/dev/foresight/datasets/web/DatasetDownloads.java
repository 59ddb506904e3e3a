package dev.foresight.datasets.web;

import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.RowQuery;
import dev.foresight.shared.CurrentWorkspace;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

/** The CSV downloads shared by the dataset page and the API. */
final class DatasetDownloads {

    private DatasetDownloads() {}

    static void rows(
            Datasets datasets, CurrentWorkspace workspace, UUID datasetId, RowQuery query, HttpServletResponse response)
            throws IOException {
        attachment(response, "dataset-" + datasetId + ".csv");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        datasets.export(workspace, datasetId, query, writer);
        writer.flush();
    }

    static void rejected(
            Datasets datasets, CurrentWorkspace workspace, UUID datasetId, UUID versionId, HttpServletResponse response)
            throws IOException {
        var path = datasets.rejectedRows(workspace, datasetId, versionId);
        attachment(response, "rejected-" + versionId + ".csv");
        Files.copy(path, response.getOutputStream());
    }

    private static void attachment(HttpServletResponse response, String fileName) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
