package dev.foresight.insights.internal;

import dev.foresight.datasets.Datasets;
import dev.foresight.executions.ExecutionCancelledException;
import dev.foresight.executions.Executions;
import dev.foresight.insights.Insight;
import dev.foresight.insights.InsightsGenerated;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The execution {@code insights.generate}: profiles a version, generates its insights and, if the version is still
 * its dataset's current one, replaces the dataset's insights with them and tells the workspace's browsers.
 */
@Component
public class GenerateInsightsJob implements JobRequestHandler<GenerateInsightsJob.Request> {

    public static final String EXECUTION_TYPE = "insights.generate";

    public record Request(UUID executionId, long workspaceId, String workspace, UUID datasetId, UUID versionId)
            implements JobRequest {
        @Override
        public Class<GenerateInsightsJob> getJobRequestHandler() {
            return GenerateInsightsJob.class;
        }
    }

    private final Executions executions;
    private final Datasets datasets;
    private final Profiler profiler;
    private final InsightGenerator generator;
    private final InsightStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final SimpMessagingTemplate live;

    GenerateInsightsJob(
            Executions executions,
            Datasets datasets,
            Profiler profiler,
            InsightGenerator generator,
            InsightStore store,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            SimpMessagingTemplate live) {
        this.executions = executions;
        this.datasets = datasets;
        this.profiler = profiler;
        this.generator = generator;
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.live = live;
    }

    private record Outcome(String datasetName, InsightGenerator.Generated generated) {}

    @Override
    public void run(Request request) {
        executions.run(request.executionId(), progress -> {
            store.markRun(request.executionId(), "RUNNING");
            var workspace = new CurrentWorkspace(
                    request.workspaceId(), request.workspace(), request.workspace(), WorkspaceRole.ADMIN, "system");
            try {
                progress.update(5, "Profiling the version");
                var outcome = datasets.scan(workspace, request.datasetId(), request.versionId(), scan -> {
                    var profile = profiler.profile(scan);
                    store.saveProfile(request.workspaceId(), profile);
                    progress.update(30, "Profiled " + profile.columns().size() + " columns; looking for insights");
                    return new Outcome(scan.datasetName(), generator.generate(scan, profile, progress));
                });
                var notes = new ArrayList<>(outcome.generated().notes());
                var current = datasets.get(workspace, request.datasetId()).currentVersionId();
                if (!request.versionId().equals(current)) {
                    notes.add("A newer version became current while this ran; the dataset keeps that version's"
                            + " insights.");
                    store.finishRun(request.executionId(), "SUCCEEDED", 0, notes);
                    return;
                }
                var now = Instant.now();
                List<Insight> insights = outcome.generated().insights().stream()
                        .map(d -> new Insight(
                                UUID.randomUUID(),
                                request.datasetId(),
                                outcome.datasetName(),
                                request.versionId(),
                                d.type(),
                                d.score(),
                                d.sentence(),
                                d.evidence(),
                                d.chart(),
                                d.query(),
                                d.widget(),
                                now))
                        .toList();
                transactions.executeWithoutResult(tx -> {
                    store.replace(request.workspaceId(), request.datasetId(), insights, request.executionId());
                    store.finishRun(request.executionId(), "SUCCEEDED", insights.size(), notes);
                    events.publishEvent(new InsightsGenerated(
                            request.workspace(),
                            request.workspaceId(),
                            request.datasetId(),
                            request.versionId(),
                            request.executionId(),
                            insights.size()));
                });
                live.convertAndSend("/topic/workspace." + request.workspace() + ".insights", (Object) Map.of(
                        "datasetId", request.datasetId().toString(),
                        "datasetName", outcome.datasetName(),
                        "versionId", request.versionId().toString(),
                        "executionId", request.executionId().toString(),
                        "count", insights.size()));
                progress.update(100, insights.size() + " insights");
            } catch (ExecutionCancelledException cancelled) {
                store.finishRun(request.executionId(), "CANCELLED", null, List.of("Cancelled."));
                throw cancelled;
            } catch (RuntimeException failed) {
                store.finishRun(
                        request.executionId(),
                        "FAILED",
                        null,
                        List.of("Insights failed: " + String.valueOf(failed.getMessage())));
                throw failed;
            }
        });
    }
}
