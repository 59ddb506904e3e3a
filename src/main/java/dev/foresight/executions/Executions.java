package dev.foresight.executions;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.executions.internal.ExecutionRunner;
import dev.foresight.executions.internal.ExecutionStore;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The facade for background work. A module submits a JobRunr {@link JobRequest} that carries the execution id; its
 * handler calls {@link #run} with the work, which records status and progress around it.
 */
@Service
public class Executions {

    private final ExecutionStore store;
    private final ExecutionRunner runner;
    private final JobRequestScheduler scheduler;
    private final AuditLog audit;

    Executions(ExecutionStore store, ExecutionRunner runner, JobRequestScheduler scheduler, AuditLog audit) {
        this.store = store;
        this.runner = runner;
        this.scheduler = scheduler;
        this.audit = audit;
    }

    /**
     * Records a queued execution and, once that is committed, enqueues its job under the same id.
     *
     * @param workspace the workspace it belongs to; {@code null} for platform work such as demo seeding
     */
    @Transactional
    public UUID submit(
            @Nullable CurrentWorkspace workspace, String type, String startedBy, Function<UUID, JobRequest> job) {
        var id = UUID.randomUUID();
        store.insertQueued(
                id,
                workspace == null ? null : workspace.id(),
                workspace == null ? null : workspace.slug(),
                type,
                startedBy);
        scheduler.enqueue(id, job.apply(id));
        return id;
    }

    /** Runs the work of an execution; called by the job's handler on a worker thread. */
    public void run(UUID executionId, ExecutionWork work) {
        runner.run(executionId, work);
    }

    public Execution get(CurrentWorkspace workspace, UUID id) {
        return store.find(id)
                .filter(e -> workspace.slug().equals(e.workspace()))
                .orElseThrow(() -> new ResourceNotFoundException("Execution " + id));
    }

    public List<Execution> list(CurrentWorkspace workspace, ExecutionFilter filter) {
        return store.list(workspace.id(), filter);
    }

    /** Platform-wide work, such as demo seeding, that belongs to no workspace; for platform operators. */
    public List<Execution> listPlatform(int limit) {
        return store.listPlatform(Math.clamp(limit, 1, 100));
    }

    /** Cancels a queued run at once; asks a running one to stop at its next progress report. */
    @Transactional
    public Execution cancel(CurrentWorkspace workspace, UUID id) {
        var execution = get(workspace, id);
        if (execution.status().isFinished()) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT,
                    "Execution " + id + " already ended as " + execution.status() + " and cannot be cancelled.");
        }
        if (execution.status() == ExecutionStatus.QUEUED) {
            scheduler.delete(id, "Cancelled by " + workspace.actor());
        }
        runner.requestCancel(id, execution.status() == ExecutionStatus.QUEUED);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "execution.cancelled")
                .entity("execution", id));
        return get(workspace, id);
    }
}
