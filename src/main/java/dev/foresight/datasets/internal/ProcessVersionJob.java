package dev.foresight.datasets.internal;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.datasets.DatasetQualityChecked;
import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.datasets.VersionStatus;
import dev.foresight.datasets.ingest.RejectedSourceException;
import dev.foresight.executions.ExecutionCancelledException;
import dev.foresight.executions.Executions;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The execution that turns a stored upload into a published version. A failure leaves the version FAILED with a
 * message and the dataset on its previous version; success switches the dataset to the new version in one
 * transaction with the {@link DatasetVersionPublished} event, so no query ever sees half a version.
 */
@Component
public class ProcessVersionJob implements JobRequestHandler<ProcessVersionJob.Request> {

    public static final String EXECUTION_TYPE = "dataset.process";

    public record Request(UUID executionId, UUID versionId) implements JobRequest {
        @Override
        public Class<ProcessVersionJob> getJobRequestHandler() {
            return ProcessVersionJob.class;
        }
    }

    private final Executions executions;
    private final DatasetStore store;
    private final VersionProcessor processor;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    ProcessVersionJob(
            Executions executions,
            DatasetStore store,
            VersionProcessor processor,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.executions = executions;
        this.store = store;
        this.processor = processor;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
    }

    @Override
    public void run(Request request) {
        executions.run(request.executionId(), progress -> {
            var version = store.versionRef(request.versionId())
                    .orElseThrow(() -> new IllegalStateException("Version " + request.versionId() + " is gone"));
            if (version.status() == VersionStatus.SUCCEEDED) {
                // Published before a crash cut the execution short: running again would rewrite live Parquet.
                return;
            }
            store.markProcessing(version.id());
            try {
                var outcome = processor.process(
                        version.workspaceId(),
                        version.datasetId(),
                        version.id(),
                        version.sourceName() == null ? "upload" : version.sourceName(),
                        version.sheet(),
                        store.rules(version.datasetId()).orElse(null),
                        store.roles(version.datasetId()),
                        progress);
                transactions.executeWithoutResult(tx -> {
                    store.markSucceeded(
                            version.id(),
                            outcome.rowCount(),
                            outcome.columns(),
                            outcome.quality(),
                            outcome.parquetBytes());
                    store.makeCurrent(version.datasetId(), version.id());
                    events.publishEvent(new DatasetVersionPublished(
                            version.workspaceSlug(),
                            version.workspaceId(),
                            version.datasetId(),
                            version.id(),
                            outcome.rowCount()));
                    events.publishEvent(new DatasetQualityChecked(
                            version.workspaceSlug(),
                            version.workspaceId(),
                            version.datasetId(),
                            version.id(),
                            outcome.quality().rowsRead(),
                            outcome.quality().rowsRejected(),
                            outcome.quality().rowsWarned()));
                    audit.record(AuditRecord.of(version.workspaceId(), version.createdBy(), "dataset.version-published")
                            .entity("dataset-version", version.id())
                            .details(Map.of(
                                    "dataset", version.datasetId(),
                                    "rows", outcome.rowCount(),
                                    "rejected", outcome.quality().rowsRejected())));
                });
            } catch (ExecutionCancelledException cancelled) {
                store.markFailed(version.id(), "Cancelled before processing finished.");
                throw cancelled;
            } catch (RejectedSourceException | VersionProcessor.ProcessingException rejected) {
                store.markFailed(version.id(), rejected.getMessage());
                throw rejected;
            } catch (DuckDbEngine.DuckDbException failed) {
                store.markFailed(version.id(), "The file could not be processed: " + failed.getMessage());
                throw failed;
            } catch (RuntimeException | java.io.IOException unexpected) {
                store.markFailed(version.id(), "Processing failed: " + unexpected.getMessage());
                throw unexpected;
            }
        });
    }
}
