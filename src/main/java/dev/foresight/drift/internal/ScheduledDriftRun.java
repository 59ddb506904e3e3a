package dev.foresight.drift.internal;

import dev.foresight.drift.DriftMonitors;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/** The recurring job of a scheduled monitor: it queues a run, which is an execution of its own. */
@Component
public class ScheduledDriftRun implements JobRequestHandler<ScheduledDriftRun.Request> {

    public record Request(UUID monitorId) implements JobRequest {
        @Override
        public Class<ScheduledDriftRun> getJobRequestHandler() {
            return ScheduledDriftRun.class;
        }
    }

    private final DriftMonitors monitors;

    ScheduledDriftRun(DriftMonitors monitors) {
        this.monitors = monitors;
    }

    @Override
    public void run(Request request) {
        monitors.startScheduledRun(request.monitorId());
    }
}
