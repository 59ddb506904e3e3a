package dev.foresight.executions.internal;

import dev.foresight.executions.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes sure no execution stays QUEUED or RUNNING forever. A job that JobRunr still holds (enqueued, scheduled for a
 * retry, or processing — including one it re-delivers after a crash) is left to run; one whose job is gone or has
 * ended without telling us is marked failed.
 */
@Component
class ExecutionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

    private final ExecutionStore store;
    private final ExecutionRunner runner;
    private final StorageProvider jobs;

    ExecutionRecovery(ExecutionStore store, ExecutionRunner runner, StorageProvider jobs) {
        this.store = store;
        this.runner = runner;
        this.jobs = jobs;
    }

    /** Younger executions may be between their commit and their enqueue; leave them be. */
    static final Duration GRACE = Duration.ofSeconds(30);

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        sweep(GRACE);
    }

    @Scheduled(fixedDelayString = "${foresight.executions.recovery-interval:PT1M}", initialDelayString = "PT1M")
    void sweep() {
        sweep(GRACE);
    }

    void sweep(Duration grace) {
        for (var execution : store.unfinishedSince(Instant.now().minus(grace))) {
            StateName state;
            try {
                state = jobs.getJobById(execution.id()).getState();
            } catch (JobNotFoundException gone) {
                state = null;
            }
            if (state == null
                    || state == StateName.FAILED
                    || state == StateName.DELETED
                    || state == StateName.SUCCEEDED) {
                log.warn("Execution {} was interrupted (job state {}); marking it failed", execution.id(), state);
                runner.finish(
                        execution.id(),
                        ExecutionStatus.FAILED,
                        "Interrupted",
                        "Interrupted: the server stopped while this ran and the work could not be resumed. Start it again.");
            }
        }
    }
}
