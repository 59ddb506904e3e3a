package dev.foresight.support;

import dev.foresight.executions.Executions;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/**
 * Background work for tests of the executions machinery: a number of timed steps, each reporting progress, failing
 * at a chosen step when asked. It runs through the same JobRunr and execution path as every real execution.
 */
@Component
public class TestWork implements JobRequestHandler<TestWork.Job> {

    public record Job(UUID executionId, int steps, long stepMillis, int failAtStep) implements JobRequest {
        @Override
        public Class<TestWork> getJobRequestHandler() {
            return TestWork.class;
        }
    }

    private final Executions executions;
    private final Workspaces workspaces;

    TestWork(Executions executions, Workspaces workspaces) {
        this.executions = executions;
        this.workspaces = workspaces;
    }

    /** Starts the work in a workspace on behalf of a person; {@code failAtStep} 0 means it succeeds. */
    public UUID start(String slug, String username, int steps, long stepMillis, int failAtStep) {
        var workspace = workspaces.findBySlug(slug).orElseThrow();
        var current = new CurrentWorkspace(workspace.id(), slug, workspace.name(), WorkspaceRole.MANAGER, username);
        return executions.submit(current, "test.steps", username, id -> new Job(id, steps, stepMillis, failAtStep));
    }

    @Override
    public void run(Job job) {
        executions.run(job.executionId(), progress -> {
            for (int step = 1; step <= job.steps(); step++) {
                Thread.sleep(job.stepMillis());
                if (step == job.failAtStep()) {
                    throw new IllegalStateException("Step " + step + " broke on purpose");
                }
                progress.update(step * 100 / job.steps(), "Step " + step + " of " + job.steps());
            }
        });
    }
}
