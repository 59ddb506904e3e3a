package dev.foresight.datasets.internal;

import dev.foresight.executions.ExecutionFinished;
import dev.foresight.executions.ExecutionStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Ends the versions whose execution ended without them: one cancelled while it was queued, or one whose work was cut
 * off by a crash and that the executions' recovery then marked failed. Without this such a version would stay QUEUED
 * or PROCESSING for ever. A version that failed or succeeded on its own is left as it is.
 */
@Component
class UnfinishedVersions {

    private final DatasetStore store;

    UnfinishedVersions(DatasetStore store) {
        this.store = store;
    }

    @ApplicationModuleListener
    void on(ExecutionFinished finished) {
        if (!ProcessVersionJob.EXECUTION_TYPE.equals(finished.type())
                || finished.status() == ExecutionStatus.SUCCEEDED) {
            return;
        }
        var reason = finished.status() == ExecutionStatus.CANCELLED
                ? "Cancelled before it was processed."
                : finished.error() == null ? "Processing stopped before it finished." : finished.error();
        store.failUnfinished(finished.executionId(), reason);
    }
}
