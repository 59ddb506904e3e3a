package dev.foresight.datasets.web;

import dev.foresight.datasets.CleaningSpec;
import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.Dataset;
import dev.foresight.datasets.DatasetVersion;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.PushAccepted;
import dev.foresight.datasets.QualityReport;
import dev.foresight.datasets.RowPage;
import dev.foresight.datasets.RowQuery;
import dev.foresight.datasets.UploadAccepted;
import dev.foresight.datasets.rules.ValidationRule;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.MachineAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Datasets", description = "Uploads, versions, quality, rules and rows")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/datasets")
class DatasetRestController {

    record RoleChange(@NotNull ColumnRole role) {}

    private final Datasets datasets;

    DatasetRestController(Datasets datasets) {
        this.datasets = datasets;
    }

    @Operation(
            summary =
                    "Uploads a file as a new dataset (CSV, TSV, gzip, XLSX, JSON Lines); answers 202 while it is processed")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadAccepted> create(
            CurrentWorkspace workspace,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String sheet)
            throws IOException {
        try (var content = file.getInputStream()) {
            return ResponseEntity.accepted()
                    .body(datasets.create(workspace, name, description, fileName(file), sheet, content));
        }
    }

    @Operation(summary = "Uploads a file as a new version of a dataset; answers 202 while it is processed")
    @PostMapping(value = "/{datasetId}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadAccepted> upload(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String sheet)
            throws IOException {
        try (var content = file.getInputStream()) {
            return ResponseEntity.accepted()
                    .body(datasets.upload(workspace, datasetId, fileName(file), sheet, content));
        }
    }

    @Operation(
            summary =
                    "Pushes records (JSON array or NDJSON) for the next micro-batch; a workspace API token may call it."
                            + " An Idempotency-Key makes a repeat apply once and answer the same")
    @MachineAccess
    @PostMapping(
            value = "/{datasetId}/records",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<PushAccepted> push(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @RequestBody String body) {
        return ResponseEntity.accepted().body(datasets.push(workspace, datasetId, body, idempotencyKey));
    }

    record CleaningStarted(UUID executionId) {}

    @Operation(
            summary = "Cleans the current version as an execution (trim, case, dates, fill or drop missing values,"
                    + " duplicates); the result becomes a new version with a before/after summary")
    @PostMapping("/{datasetId}/cleaning")
    ResponseEntity<CleaningStarted> clean(
            CurrentWorkspace workspace, @PathVariable UUID datasetId, @RequestBody CleaningSpec spec) {
        return ResponseEntity.accepted().body(new CleaningStarted(datasets.clean(workspace, datasetId, spec)));
    }

    @Operation(summary = "The workspace's datasets with their current version's figures")
    @GetMapping
    List<Dataset> list(CurrentWorkspace workspace) {
        return datasets.list(workspace);
    }

    @Operation(summary = "One dataset")
    @GetMapping("/{datasetId}")
    Dataset get(CurrentWorkspace workspace, @PathVariable UUID datasetId) {
        return datasets.get(workspace, datasetId);
    }

    @Operation(summary = "The dataset's versions, newest first")
    @GetMapping("/{datasetId}/versions")
    List<DatasetVersion> versions(CurrentWorkspace workspace, @PathVariable UUID datasetId) {
        return datasets.versions(workspace, datasetId);
    }

    @Operation(summary = "One version: status, rowCount, error and schema")
    @GetMapping("/{datasetId}/versions/{versionId}")
    DatasetVersion version(CurrentWorkspace workspace, @PathVariable UUID datasetId, @PathVariable UUID versionId) {
        return datasets.version(workspace, datasetId, versionId);
    }

    @Operation(summary = "The version's quality report")
    @GetMapping("/{datasetId}/versions/{versionId}/quality")
    QualityReport quality(CurrentWorkspace workspace, @PathVariable UUID datasetId, @PathVariable UUID versionId) {
        return datasets.quality(workspace, datasetId, versionId);
    }

    @Operation(summary = "The version's rejected rows as CSV, safe to open in a spreadsheet")
    @GetMapping(value = "/{datasetId}/versions/{versionId}/rejected", produces = "text/csv")
    void rejected(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @PathVariable UUID versionId,
            HttpServletResponse response)
            throws IOException {
        DatasetDownloads.rejected(datasets, workspace, datasetId, versionId, response);
    }

    @Operation(summary = "Makes an earlier processed version current again")
    @PostMapping("/{datasetId}/versions/{versionId}/current")
    DatasetVersion makeCurrent(CurrentWorkspace workspace, @PathVariable UUID datasetId, @PathVariable UUID versionId) {
        return datasets.makeCurrent(workspace, datasetId, versionId);
    }

    @Operation(summary = "The validation rules in force")
    @GetMapping("/{datasetId}/rules")
    List<ValidationRule> rules(CurrentWorkspace workspace, @PathVariable UUID datasetId) {
        return datasets.rules(workspace, datasetId);
    }

    @Operation(summary = "Replaces the validation rules and re-processes the current version under them")
    @PutMapping("/{datasetId}/rules")
    ResponseEntity<?> saveRules(
            CurrentWorkspace workspace, @PathVariable UUID datasetId, @RequestBody List<@Valid ValidationRule> rules) {
        var reprocessing = datasets.saveRules(workspace, datasetId, rules);
        return reprocessing == null
                ? ResponseEntity.noContent().build()
                : ResponseEntity.accepted().body(reprocessing);
    }

    @Operation(summary = "Changes a column's role and re-processes the current version")
    @PutMapping("/{datasetId}/columns/{column}/role")
    ResponseEntity<?> setRole(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @PathVariable String column,
            @Valid @RequestBody RoleChange change) {
        var reprocessing = datasets.setRole(workspace, datasetId, column, change.role());
        return reprocessing == null
                ? ResponseEntity.noContent().build()
                : ResponseEntity.accepted().body(reprocessing);
    }

    @Operation(
            summary =
                    "A page of the current version's rows: sort=col or -col, filter=col:op:value (repeatable), search")
    @GetMapping("/{datasetId}/rows")
    RowPage rows(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String search) {
        return datasets.rows(workspace, datasetId, new RowQuery(offset, limit, sort, filter, search));
    }

    @Operation(summary = "The filtered rows of the current version as CSV")
    @GetMapping(value = "/{datasetId}/export", produces = "text/csv")
    void export(
            CurrentWorkspace workspace,
            @PathVariable UUID datasetId,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String search,
            HttpServletResponse response)
            throws IOException {
        DatasetDownloads.rows(
                datasets, workspace, datasetId, new RowQuery(0, RowQuery.MAX_LIMIT, sort, filter, search), response);
    }

    private static String fileName(MultipartFile file) {
        if (file.isEmpty() && file.getOriginalFilename() == null) {
            throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "Send the file in the multipart field 'file'.");
        }
        return file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
    }
}
