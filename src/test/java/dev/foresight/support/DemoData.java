package dev.foresight.support;

import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import java.time.Duration;
import java.util.List;

/** Waits until demo seeding, itself an execution, has created the five workspaces. */
public final class DemoData {

    public static final List<String> WORKSPACES =
            List.of("workforce", "claims", "hospital", "customer-risk", "insights");

    private DemoData() {}

    public static void awaitSeeded(Workspaces workspaces) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> WORKSPACES.stream()
                        .allMatch(slug -> workspaces.findBySlug(slug).isPresent()));
    }
}
