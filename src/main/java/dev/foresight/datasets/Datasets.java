package dev.foresight.datasets;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.datasets.internal.CleanDatasetJob;
import dev.foresight.datasets.internal.Cleaning;
import dev.foresight.datasets.internal.DatasetQueries;
import dev.foresight.datasets.internal.DatasetStore;
import dev.foresight.datasets.internal.DuckDbEngine;
import dev.foresight.datasets.internal.ProcessVersionJob;
import dev.foresight.datasets.internal.PushIngestion;
import dev.foresight.datasets.internal.Sql;
import dev.foresight.datasets.internal.VersionFiles;
import dev.foresight.datasets.rules.RuleCompiler;
import dev.foresight.datasets.rules.ValidationRule;
import dev.foresight.executions.Executions;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The facade of the datasets module: uploads, versions, rules, roles and rows, always within one workspace. */
@Service
public class Datasets {

    private final DatasetStore store;
    private final VersionFiles files;
    private final Executions executions;
    private final DatasetQueries queries;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final PushIngestion push;
    private final Cleaning cleaning;
    private final DuckDbEngine duckdb;

    Datasets(
            DatasetStore store,
            VersionFiles files,
            Executions executions,
            DatasetQueries queries,
            AuditLog audit,
            ApplicationEventPublisher events,
            PushIngestion push,
            Cleaning cleaning,
            DuckDbEngine duckdb) {
        this.duckdb = duckdb;
        this.push = push;
        this.cleaning = cleaning;
        this.store = store;
        this.files = files;
        this.executions = executions;
        this.queries = queries;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Stores an upload as the first version of a new dataset and queues its processing. The file is on disk and the
     * version recorded before this returns.
     */
    @Transactional
    public UploadAccepted create(
            CurrentWorkspace workspace,
            @Nullable String name,
            @Nullable String description,
            String fileName,
            @Nullable String sheet,
            InputStream content) {
        var datasetId = UUID.randomUUID();
        var datasetName = name == null || name.isBlank() ? baseName(fileName) : name.strip();
        if (datasetName.length() > 200 || (description != null && description.length() > 2000)) {
            throw new InvalidRequestException("A name has at most 200 characters, a description at most 2000.");
        }
        store.insertDataset(
                datasetId, workspace.id(), workspace.slug(), datasetName, blankToNull(description), workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.created")
                .entity("dataset", datasetId)
                .details(Map.of("name", datasetName)));
        return addVersion(workspace, datasetId, UUID.randomUUID(), "UPLOAD", fileName, sheet, content);
    }

    /** Stores an upload as a new version of an existing dataset and queues its processing. */
    @Transactional
    public UploadAccepted upload(
            CurrentWorkspace workspace, UUID datasetId, String fileName, @Nullable String sheet, InputStream content) {
        get(workspace, datasetId);
        return addVersion(workspace, datasetId, UUID.randomUUID(), "UPLOAD", fileName, sheet, content);
    }

    /**
     * Queues pushed records (a JSON array or NDJSON) for the dataset's next micro-batch. With an idempotency key, a
     * repeat is applied once and answered as the first time.
     */
    public PushAccepted push(CurrentWorkspace workspace, UUID datasetId, String body, @Nullable String idempotencyKey) {
        get(workspace, datasetId);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidRequestException("An Idempotency-Key has 1 to 200 characters.");
        }
        try {
            var answer = push.accept(workspace.id(), datasetId, body, idempotencyKey);
            if (!answer.replayed()) {
                audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.records-pushed")
                        .entity("dataset", datasetId)
                        .details(Map.of(
                                "queued",
                                answer.queued(),
                                "refused",
                                answer.rejected().size())));
            }
            return answer;
        } catch (PushIngestion.InvalidPush invalid) {
            throw new InvalidRequestException(invalid.getMessage());
        } catch (PushIngestion.IdempotencyConflict conflict) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, conflict.getMessage());
        }
    }

    /**
     * Queues a cleaning of the current version as an execution; the cleaned rows become a new version, with a
     * before/after summary, once they pass the rules.
     */
    @Transactional
    public UUID clean(CurrentWorkspace workspace, UUID datasetId, CleaningSpec spec) {
        var current = currentVersion(workspace, datasetId);
        cleaning.check(spec, current.columns());
        var executionId = executions.submit(
                workspace,
                CleanDatasetJob.EXECUTION_TYPE,
                workspace.actor(),
                id -> new CleanDatasetJob.Request(
                        id, workspace.id(), workspace.slug(), datasetId, current.id(), spec, workspace.actor()));
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.cleaning-started")
                .entity("dataset", datasetId)
                .details(Map.of("version", current.number(), "execution", executionId)));
        return executionId;
    }

    /** Adds cleaned rows as a new version and records what the cleaning changed on it. */
    @Transactional
    public UploadAccepted addCleanedVersion(
            CurrentWorkspace workspace, UUID datasetId, java.nio.file.Path cleaned, Map<String, Object> summary) {
        try (var in = Files.newInputStream(cleaned)) {
            var accepted = addVersion(workspace, datasetId, UUID.randomUUID(), "CLEANING", "cleaned.csv", null, in);
            store.setSummary(accepted.versionId(), summary);
            audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.cleaned")
                    .entity("dataset-version", accepted.versionId())
                    .details(summary));
            return accepted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a dataset's waiting pushed records as a new version: its current rows, then the records. */
    @Transactional
    public void appendPushed(long workspaceId, UUID datasetId) {
        var dataset = store.findInternal(workspaceId, datasetId).orElse(null);
        if (dataset == null) {
            return;
        }
        var workspace =
                new CurrentWorkspace(workspaceId, dataset.workspaceSlug(), dataset.workspaceSlug(), null, "push");
        var versionId = UUID.randomUUID();
        var records = push.claim(datasetId, versionId);
        if (records.isEmpty()) {
            return;
        }
        try {
            var work = Files.createTempDirectory("foresight-push-");
            try {
                var ndjson = work.resolve("records.ndjson");
                Files.write(ndjson, records, java.nio.charset.StandardCharsets.UTF_8);
                var combined = work.resolve("records.csv");
                var current = dataset.currentVersionId() == null
                        ? null
                        : store.version(workspaceId, datasetId, dataset.currentVersionId())
                                .orElse(null);
                queries.combine(
                        current == null ? null : files.parquet(workspaceId, datasetId, current.id()),
                        current == null ? List.of() : current.columns(),
                        ndjson,
                        combined);
                try (var in = Files.newInputStream(combined)) {
                    addVersion(workspace, datasetId, versionId, "PUSH", "pushed-records.csv", null, in);
                }
            } finally {
                try (var paths = Files.walk(work)) {
                    for (var path :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditRecord.of(workspaceId, "push", "dataset.records-appended")
                .entity("dataset-version", versionId)
                .details(Map.of("dataset", datasetId, "records", records.size())));
    }

    private UploadAccepted addVersion(
            CurrentWorkspace workspace,
            UUID datasetId,
            UUID versionId,
            String origin,
            String fileName,
            @Nullable String sheet,
            InputStream content) {
        long bytes;
        try {
            bytes = files.storeSource(workspace.id(), datasetId, versionId, content);
        } catch (IOException e) {
            throw new InvalidRequestException("The upload did not arrive whole: " + e.getMessage());
        }
        var sheetName = sheet == null || sheet.isBlank() ? null : sheet.strip();
        if (sheetName != null && sheetName.length() > 200) {
            throw new InvalidRequestException("A sheet name has at most 200 characters.");
        }
        store.insertVersion(
                versionId, datasetId, workspace.id(), origin, safeName(fileName), bytes, sheetName, workspace.actor());
        var executionId = executions.submit(
                workspace,
                ProcessVersionJob.EXECUTION_TYPE,
                workspace.actor(),
                id -> new ProcessVersionJob.Request(id, versionId));
        store.setExecution(versionId, executionId);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.uploaded")
                .entity("dataset-version", versionId)
                .details(Map.of("dataset", datasetId, "file", safeName(fileName), "bytes", bytes)));
        return new UploadAccepted(datasetId, versionId, executionId);
    }

    public List<Dataset> list(CurrentWorkspace workspace) {
        return store.list(workspace.id());
    }

    public Dataset get(CurrentWorkspace workspace, UUID datasetId) {
        return store.find(workspace.id(), datasetId)
                .orElseThrow(() -> new ResourceNotFoundException("Dataset " + datasetId));
    }

    public List<DatasetVersion> versions(CurrentWorkspace workspace, UUID datasetId) {
        get(workspace, datasetId);
        return store.versions(workspace.id(), datasetId);
    }

    public DatasetVersion version(CurrentWorkspace workspace, UUID datasetId, UUID versionId) {
        return store.version(workspace.id(), datasetId, versionId)
                .orElseThrow(() -> new ResourceNotFoundException("Version " + versionId));
    }

    public QualityReport quality(CurrentWorkspace workspace, UUID datasetId, UUID versionId) {
        var version = version(workspace, datasetId, versionId);
        return store.quality(workspace.id(), datasetId, versionId)
                .orElseThrow(() -> new InvalidRequestException(
                        HttpStatus.CONFLICT,
                        "Version " + version.number() + " is " + version.status()
                                + "; its quality report exists once it has been processed."));
    }

    /** The rejected rows of a version, as CSV. */
    public Path rejectedRows(CurrentWorkspace workspace, UUID datasetId, UUID versionId) {
        version(workspace, datasetId, versionId);
        var path = files.rejected(workspace.id(), datasetId, versionId);
        if (!Files.exists(path)) {
            throw new ResourceNotFoundException("Rejected rows of version " + versionId);
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.rejected-rows-exported")
                .entity("dataset-version", versionId));
        return path;
    }

    /** The rules in force: the saved ones, or the defaults for the current schema. */
    public List<ValidationRule> rules(CurrentWorkspace workspace, UUID datasetId) {
        get(workspace, datasetId);
        return store.rules(datasetId).orElseGet(() -> RuleCompiler.defaults(currentColumns(workspace, datasetId)));
    }

    /** Saves the rules and re-processes the current version under them. */
    @Transactional
    public @Nullable UploadAccepted saveRules(CurrentWorkspace workspace, UUID datasetId, List<ValidationRule> rules) {
        var columns = currentColumns(workspace, datasetId);
        for (int i = 0; i < rules.size(); i++) {
            var rule = rules.get(i);
            // JSON may leave out what Java calls required; such a rule would break every later processing run.
            if (rule == null || rule.type() == null || rule.action() == null) {
                throw new InvalidRequestException(
                        "Rule " + (i + 1) + " needs a type and an action (reject, warn or mask).");
            }
        }
        if (!columns.isEmpty()) {
            var problems = new RuleCompiler(columns).problems(rules);
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(String.join(" ", problems));
            }
            queries.checkPatterns(rules);
        }
        store.saveRules(datasetId, rules, workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.rules-changed")
                .entity("dataset", datasetId)
                .details(Map.of("rules", rules.size())));
        return reprocess(workspace, datasetId);
    }

    /** Changes a column's role and re-processes the current version. */
    @Transactional
    public @Nullable UploadAccepted setRole(
            CurrentWorkspace workspace, UUID datasetId, String column, ColumnRole role) {
        var columns = currentColumns(workspace, datasetId);
        if (columns.stream().noneMatch(c -> c.name().equals(column))) {
            throw new ResourceNotFoundException("Column '" + column + "'");
        }
        var roles = new HashMap<>(store.roles(datasetId));
        roles.put(column, role.name());
        store.saveRoles(datasetId, roles, workspace.actor());
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.role-changed")
                .entity("dataset", datasetId)
                .details(Map.of("column", column, "role", role)));
        return reprocess(workspace, datasetId);
    }

    /** Makes an earlier, successfully processed version current again. */
    @Transactional
    public DatasetVersion makeCurrent(CurrentWorkspace workspace, UUID datasetId, UUID versionId) {
        var version = version(workspace, datasetId, versionId);
        if (version.status() != VersionStatus.SUCCEEDED) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT,
                    "Only a processed version can be current; this one is " + version.status() + ".");
        }
        store.makeCurrent(datasetId, versionId);
        events.publishEvent(new DatasetVersionPublished(
                workspace.slug(),
                workspace.id(),
                datasetId,
                versionId,
                version.rowCount() == null ? 0 : version.rowCount()));
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.version-published")
                .entity("dataset-version", versionId)
                .details(Map.of("dataset", datasetId, "restored", true)));
        return version(workspace, datasetId, versionId);
    }

    public RowPage rows(CurrentWorkspace workspace, UUID datasetId, RowQuery query) {
        var current = currentVersion(workspace, datasetId);
        return queries.rows(files.parquet(workspace.id(), datasetId, current.id()), current.columns(), query);
    }

    /**
     * Runs read-only analytics over a processed version ({@code null}: the current one) with a borrowed DuckDB
     * connection. The work must not keep the connection: it goes back to the pool when the work returns.
     */
    public <T> T scan(CurrentWorkspace workspace, UUID datasetId, @Nullable UUID versionId, DatasetScan.Work<T> work) {
        var dataset = get(workspace, datasetId);
        var version =
                versionId == null ? currentVersion(workspace, datasetId) : version(workspace, datasetId, versionId);
        if (version.status() != VersionStatus.SUCCEEDED) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT,
                    "Version " + version.number() + " of '" + dataset.name() + "' is " + version.status()
                            + "; only processed versions can be read.");
        }
        var table = "read_parquet("
                + Sql.literal(files.parquet(workspace.id(), datasetId, version.id())
                        .toAbsolutePath()
                        .toString())
                + ")";
        return duckdb.withConnection(connection -> work.run(new DatasetScan(
                datasetId,
                dataset.name(),
                version.id(),
                version.rowCount() == null ? 0 : version.rowCount(),
                version.columns(),
                table,
                connection)));
    }

    /** Writes the rows matching the query (all pages) as spreadsheet-safe CSV. */
    public void export(CurrentWorkspace workspace, UUID datasetId, RowQuery query, Writer out) {
        var current = currentVersion(workspace, datasetId);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "dataset.exported")
                .entity("dataset-version", current.id())
                .details(Map.of("filters", query.filters().size())));
        queries.export(files.parquet(workspace.id(), datasetId, current.id()), current.columns(), query, out);
    }

    private @Nullable UploadAccepted reprocess(CurrentWorkspace workspace, UUID datasetId) {
        var dataset = get(workspace, datasetId);
        if (dataset.currentVersionId() == null) {
            return null;
        }
        var current = version(workspace, datasetId, dataset.currentVersionId());
        try (var source = Files.newInputStream(files.source(workspace.id(), datasetId, current.id()))) {
            return addVersion(
                    workspace,
                    datasetId,
                    UUID.randomUUID(),
                    "REPROCESS",
                    current.sourceName() == null ? "upload" : current.sourceName(),
                    store.versionRef(current.id())
                            .map(DatasetStore.VersionRef::sheet)
                            .orElse(null),
                    source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DatasetVersion currentVersion(CurrentWorkspace workspace, UUID datasetId) {
        var dataset = get(workspace, datasetId);
        if (dataset.currentVersionId() == null) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT, "Dataset '" + dataset.name() + "' has no processed version yet.");
        }
        return version(workspace, datasetId, dataset.currentVersionId());
    }

    private List<DatasetColumn> currentColumns(CurrentWorkspace workspace, UUID datasetId) {
        var dataset = get(workspace, datasetId);
        return dataset.currentVersionId() == null
                ? List.of()
                : version(workspace, datasetId, dataset.currentVersionId()).columns();
    }

    private static String baseName(String fileName) {
        var name = safeName(fileName);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Keeps only the last path element of a client's file name, printable and short. */
    static String safeName(@Nullable String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "upload";
        }
        var name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("\\p{Cntrl}", "")
                .strip();
        if (name.isEmpty()) {
            return "upload";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
