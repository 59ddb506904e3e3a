package dev.foresight.executions.internal;

import dev.foresight.executions.ExecutionCancelledException;
import dev.foresight.executions.ExecutionChanged;
import dev.foresight.executions.ExecutionFinished;
import dev.foresight.executions.ExecutionStatus;
import dev.foresight.executions.ExecutionWork;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an execution's work and records every transition. Failures are recorded rather than rethrown: JobRunr's own
 * retries are kept for crashes, where the job is re-delivered and the work starts again.
 */
@Component
public class ExecutionRunner {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRunner.class);

    private final ExecutionStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    ExecutionRunner(
            ExecutionStore store,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.meters = meters;
    }

    public void run(UUID id, ExecutionWork work) {
        if (!store.markRunning(id)) {
            log.info("Execution {} was cancelled or had ended before it started; skipping", id);
            finish(id, ExecutionStatus.CANCELLED, "Cancelled before it started", null);
            return;
        }
        changed(id);
        try {
            work.run((percent, message) -> {
                boolean cancelRequested = store.updateProgress(id, percent, message);
                changed(id);
                if (cancelRequested) {
                    throw new ExecutionCancelledException();
                }
            });
            finish(id, ExecutionStatus.SUCCEEDED, "Done", null);
        } catch (ExecutionCancelledException cancelled) {
            finish(id, ExecutionStatus.CANCELLED, "Cancelled", null);
        } catch (Exception | LinkageError failure) {
            log.warn("Execution {} failed", id, failure);
            finish(id, ExecutionStatus.FAILED, "Failed", describe(failure));
        }
    }

    public void requestCancel(UUID id, boolean queued) {
        store.requestCancel(id);
        if (queued) {
            finish(id, ExecutionStatus.CANCELLED, "Cancelled before it started", null);
        } else {
            changed(id);
        }
    }

    /** Ends an execution and announces it; the durable announcement shares the transaction of the status change. */
    public void finish(UUID id, ExecutionStatus status, String message, @Nullable String error) {
        var finished = transactions.execute(tx -> {
            if (!store.finish(id, status, message, error)) {
                return null;
            }
            var execution = store.find(id).orElseThrow();
            events.publishEvent(new ExecutionFinished(
                    id, execution.workspace(), execution.type(), status, execution.startedBy(), error));
            return execution;
        });
        if (finished != null) {
            meters.counter("foresight.executions", "status", status.name().toLowerCase())
                    .increment();
            events.publishEvent(new ExecutionChanged(finished));
        }
    }

    private void changed(UUID id) {
        store.find(id).map(ExecutionChanged::new).ifPresent(events::publishEvent);
    }

    private static String describe(Throwable failure) {
        var message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
