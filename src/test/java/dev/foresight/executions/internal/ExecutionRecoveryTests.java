package dev.foresight.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.executions.ExecutionStatus;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After a crash, an execution whose job JobRunr no longer holds must not stay RUNNING forever: the recovery sweep
 * (run at start-up and every minute) marks it failed with a message that says what happened.
 */
@ForesightTest
class ExecutionRecoveryTests {

    @Autowired
    ExecutionStore store;

    @Autowired
    ExecutionRecovery recovery;

    @Autowired
    Workspaces workspaces;

    @Test
    void aRunLeftRunningWithoutItsJobIsMarkedFailed() {
        DemoData.awaitSeeded(workspaces);
        var claims = workspaces.findBySlug("claims").orElseThrow();
        var orphan = UUID.randomUUID();
        // As a crash leaves it: recorded and started, but its job is gone from JobRunr.
        store.insertQueued(orphan, claims.id(), "claims", "test.orphan", "manager");
        assertThat(store.markRunning(orphan)).isTrue();

        recovery.sweep(Duration.ZERO);

        var execution = store.find(orphan).orElseThrow();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).contains("Interrupted");
        assertThat(execution.finishedAt()).isNotNull();
    }

    @Test
    void aRunThatJustStartedIsLeftAlone() {
        DemoData.awaitSeeded(workspaces);
        var claims = workspaces.findBySlug("claims").orElseThrow();
        var fresh = UUID.randomUUID();
        store.insertQueued(fresh, claims.id(), "claims", "test.fresh", "manager");

        recovery.sweep(ExecutionRecovery.GRACE);

        assertThat(store.find(fresh).orElseThrow().status()).isEqualTo(ExecutionStatus.QUEUED);
        store.finish(fresh, ExecutionStatus.CANCELLED, "Test over", null);
    }
}
