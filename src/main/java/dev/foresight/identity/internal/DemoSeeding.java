package dev.foresight.identity.internal;

import dev.foresight.executions.Executions;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: seeds the five solution workspaces, as an execution, and maps the demo directory's groups to roles in
 * them. Later modules add each workspace's data when they see it. Seeding again changes nothing.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
public class DemoSeeding {

    public static final String EXECUTION_TYPE = "demo.seed";

    record DemoWorkspace(String slug, String name) {}

    static final List<DemoWorkspace> WORKSPACES = List.of(
            new DemoWorkspace("workforce", "Workforce planning"),
            new DemoWorkspace("claims", "Claims integrity"),
            new DemoWorkspace("hospital", "Hospital operations"),
            new DemoWorkspace("customer-risk", "Customer risk"),
            new DemoWorkspace("insights", "Business insights"));

    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);

    private final Executions executions;
    private final Workspaces workspaces;

    DemoSeeding(Executions executions, Workspaces workspaces) {
        this.executions = executions;
        this.workspaces = workspaces;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        boolean seeded = WORKSPACES.stream()
                .allMatch(demo -> workspaces.findBySlug(demo.slug()).isPresent());
        if (!seeded) {
            executions.submit(null, EXECUTION_TYPE, "system", SeedDemoWorkspaces::new);
        }
        log.info(
                "Demo mode: {} workspaces{}. Sign in at /login as admin/admin, manager/manager, viewer/viewer "
                        + "or outsider/outsider (directory people; each password equals the name).",
                WORKSPACES.size(),
                seeded ? " already seeded" : " being seeded");
    }

    /** The job: carries only the execution id, so that it serialises to a few bytes. */
    public record SeedDemoWorkspaces(UUID executionId) implements JobRequest {
        @Override
        public Class<SeedDemoWorkspacesHandler> getJobRequestHandler() {
            return SeedDemoWorkspacesHandler.class;
        }
    }

    @Component
    @ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
    public static class SeedDemoWorkspacesHandler implements JobRequestHandler<SeedDemoWorkspaces> {

        private final Executions executions;
        private final Workspaces workspaces;
        private final MembershipStore memberships;

        SeedDemoWorkspacesHandler(Executions executions, Workspaces workspaces, MembershipStore memberships) {
            this.executions = executions;
            this.workspaces = workspaces;
            this.memberships = memberships;
        }

        @Override
        public void run(SeedDemoWorkspaces job) {
            executions.run(job.executionId(), progress -> {
                int done = 0;
                for (var demo : WORKSPACES) {
                    var workspace = workspaces.ensure(demo.slug(), demo.name(), "system");
                    memberships.putMapping(workspace.id(), "foresight-admins", WorkspaceRole.ADMIN);
                    memberships.putMapping(workspace.id(), "foresight-managers", WorkspaceRole.MANAGER);
                    memberships.putMapping(workspace.id(), "foresight-viewers", WorkspaceRole.VIEWER);
                    if (demo.slug().equals("insights")) {
                        memberships.putMapping(workspace.id(), "insights-viewers", WorkspaceRole.VIEWER);
                    }
                    done++;
                    progress.update(done * 100 / WORKSPACES.size(), "Seeded workspace " + demo.name());
                }
            });
        }
    }
}
