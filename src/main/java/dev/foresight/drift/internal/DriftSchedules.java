package dev.foresight.drift.internal;

import java.util.UUID;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** One JobRunr recurring job per scheduled monitor, named after it, so a change replaces it and a delete ends it. */
@Component
public class DriftSchedules {

    private final JobRequestScheduler scheduler;

    DriftSchedules(JobRequestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static String jobId(UUID monitorId) {
        return "drift-monitor-" + monitorId;
    }

    public void apply(UUID monitorId, @Nullable String cron) {
        if (cron == null || cron.isBlank()) {
            scheduler.deleteRecurringJob(jobId(monitorId));
        } else {
            scheduler.scheduleRecurrently(jobId(monitorId), cron.strip(), new ScheduledDriftRun.Request(monitorId));
        }
    }

    public void remove(UUID monitorId) {
        scheduler.deleteRecurringJob(jobId(monitorId));
    }
}
