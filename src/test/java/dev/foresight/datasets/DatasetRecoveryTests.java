package dev.foresight.datasets;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.datasets.internal.DatasetStore;
import dev.foresight.datasets.internal.ProcessVersionJob;
import dev.foresight.datasets.internal.VersionFiles;
import dev.foresight.executions.internal.ExecutionStore;
import dev.foresight.support.ApiTest;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a crash in the middle of processing leaves, and what happens next. The state is built as a crash leaves it:
 * a second version recorded as PROCESSING, its execution RUNNING, and half a Parquet file on disk, while the first
 * version stays current. A process cannot be killed inside a test, so the crash itself is simulated by writing that
 * state directly; what follows runs for real: JobRunr re-delivering the job, or the executions' recovery sweep
 * giving up on an execution whose job is gone.
 */
@ForesightTest
class DatasetRecoveryTests extends ApiTest {

    private static final String BASE = "/api/v1/workspaces/claims/datasets";

    @Autowired
    DatasetStore store;

    @Autowired
    VersionFiles files;

    @Autowired
    ExecutionStore executions;

    @Autowired
    JobRequestScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    long claimsId;

    @BeforeEach
    void setUp() {
        claimsId = workspaces.findBySlug("claims").orElseThrow().id();
    }

    record Crashed(UUID datasetId, UUID firstVersion, UUID version, UUID execution) {}

    @Test
    void aJobRedeliveredAfterACrashStartsAgainFromTheStoredSource() {
        var crashed = crashMidProcessing("Recovered");

        // While the second version is half done, the first one is all anyone reads.
        assertThat(version(crashed, crashed.version()).get("status").asString()).isEqualTo("PROCESSING");
        assertCurrent(crashed, crashed.firstVersion(), 2);

        // After a restart JobRunr hands the job out again, under the same execution.
        scheduler.enqueue(crashed.execution(), new ProcessVersionJob.Request(crashed.execution(), crashed.version()));

        var done = awaitProcessed(crashed, crashed.version());
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rowCount").asLong()).isEqualTo(3);
        assertCurrent(crashed, crashed.version(), 3);
        var rows = api.get(BASE + "/" + crashed.datasetId() + "/rows?sort=id", manager)
                .json();
        assertThat(rows.get("rows").get(2).get(1).asString()).isEqualTo("Cy");
        assertThat(executions.find(crashed.execution()).orElseThrow().status().name())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aVersionWhoseJobIsGoneFailsInsteadOfProcessingForever() {
        var crashed = crashMidProcessing("Abandoned");
        // No job: JobRunr lost it. Age the execution past the sweep's grace period; the sweep runs every 5 s here.
        jdbc.sql("update executions set updated_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), crashed.execution())
                .update();

        var failed = awaitProcessed(crashed, crashed.version());

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("Interrupted");
        assertThat(executions.find(crashed.execution()).orElseThrow().status().name())
                .isEqualTo("FAILED");
        assertCurrent(crashed, crashed.firstVersion(), 2);
        assertProblem(
                api.post(BASE + "/" + crashed.datasetId() + "/versions/" + crashed.version() + "/current", manager, ""),
                409);
    }

    @Test
    void aQueuedVersionWhoseExecutionIsCancelledFails() {
        var first = uploadAndWait("Cancelled", "id,name\n1,Ann\n2,Bo\n");
        var version = UUID.randomUUID();
        var execution = UUID.randomUUID();
        storeVersion(first, version, "id,name\n1,Ann\n");
        executions.insertQueued(execution, claimsId, "claims", ProcessVersionJob.EXECUTION_TYPE, "manager");
        store.setExecution(version, execution);
        // Queued for later, so that it is still waiting when it is cancelled.
        scheduler.schedule(
                execution, Instant.now().plus(Duration.ofHours(1)), new ProcessVersionJob.Request(execution, version));

        var cancel = api.post("/api/v1/workspaces/claims/executions/" + execution + "/cancel", manager, "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

        var crashed = new Crashed(first.datasetId(), first.firstVersion(), version, execution);
        var cancelled = awaitProcessed(crashed, version);
        assertThat(cancelled.get("status").asString()).isEqualTo("FAILED");
        assertThat(cancelled.get("error").asString()).contains("Cancelled");
        assertCurrent(crashed, first.firstVersion(), 2);
    }

    @Test
    void aJobRedeliveredAfterItsVersionWasPublishedLeavesTheLiveVersionAlone() throws IOException {
        // The crash came after the version was published but before the execution was marked finished.
        var published = uploadAndWait("Published", "id,name\n1,Ann\n2,Bo\n");
        var parquet = files.parquet(claimsId, published.datasetId(), published.firstVersion());
        var written = Files.getLastModifiedTime(parquet);
        var finishedAt =
                version(published, published.firstVersion()).get("finishedAt").asString();
        var execution = UUID.randomUUID();
        executions.insertQueued(execution, claimsId, "claims", ProcessVersionJob.EXECUTION_TYPE, "manager");
        assertThat(executions.markRunning(execution)).isTrue();

        scheduler.enqueue(execution, new ProcessVersionJob.Request(execution, published.firstVersion()));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> executions.find(execution).orElseThrow().status().isFinished());
        assertThat(executions.find(execution).orElseThrow().status().name()).isEqualTo("SUCCEEDED");
        assertThat(Files.getLastModifiedTime(parquet))
                .as("the live Parquet is not rewritten")
                .isEqualTo(written);
        assertThat(version(published, published.firstVersion())
                        .get("finishedAt")
                        .asString())
                .isEqualTo(finishedAt);
        assertCurrent(published, published.firstVersion(), 2);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** A dataset whose first version is processed and whose second was cut off mid-way. */
    private Crashed crashMidProcessing(String name) {
        var first = uploadAndWait(name, "id,name\n1,Ann\n2,Bo\n");
        var version = UUID.randomUUID();
        var execution = UUID.randomUUID();
        storeVersion(first, version, "id,name\n1,Ann\n2,Bo\n3,Cy\n");
        executions.insertQueued(execution, claimsId, "claims", ProcessVersionJob.EXECUTION_TYPE, "manager");
        assertThat(executions.markRunning(execution)).isTrue();
        store.setExecution(version, execution);
        store.markProcessing(version);
        try {
            // Half of a real Parquet file where the second version's rows were being written.
            var whole = Files.readAllBytes(files.parquet(claimsId, first.datasetId(), first.firstVersion()));
            Files.write(files.parquet(claimsId, first.datasetId(), version), Arrays.copyOf(whole, whole.length / 2));
            Files.createDirectories(files.workDir(claimsId, first.datasetId(), version));
            Files.writeString(
                    files.workDir(claimsId, first.datasetId(), version).resolve("lines.csv"), "record,");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Crashed(first.datasetId(), first.firstVersion(), version, execution);
    }

    private void storeVersion(Crashed dataset, UUID version, String content) {
        var bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            files.storeSource(claimsId, dataset.datasetId(), version, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        store.insertVersion(
                version, dataset.datasetId(), claimsId, "UPLOAD", "second.csv", bytes.length, null, "manager");
    }

    private Crashed uploadAndWait(String name, String content) {
        var response =
                api.post(BASE, manager, Multipart.file("first.csv", content).field("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        var crashed = new Crashed(
                UUID.fromString(response.json().get("datasetId").asString()),
                UUID.fromString(response.json().get("versionId").asString()),
                UUID.fromString(response.json().get("versionId").asString()),
                UUID.fromString(response.json().get("executionId").asString()));
        assertThat(awaitProcessed(crashed, crashed.firstVersion()).get("status").asString())
                .isEqualTo("SUCCEEDED");
        return crashed;
    }

    private void assertCurrent(Crashed crashed, UUID version, long rows) {
        var dataset = api.get(BASE + "/" + crashed.datasetId(), manager).json();
        assertThat(dataset.get("currentVersionId").asString()).isEqualTo(version.toString());
        var page = api.get(BASE + "/" + crashed.datasetId() + "/rows", manager);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isEqualTo(rows);
    }

    private JsonNode awaitProcessed(Crashed crashed, UUID version) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var status = version(crashed, version).get("status").asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return version(crashed, version);
    }

    private JsonNode version(Crashed crashed, UUID version) {
        var response = api.get(BASE + "/" + crashed.datasetId() + "/versions/" + version, manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
