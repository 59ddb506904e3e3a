package dev.foresight.drift.internal;

import dev.foresight.datasets.Datasets;
import dev.foresight.drift.DriftDetected;
import dev.foresight.drift.DriftResult;
import dev.foresight.executions.Executions;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ResourceNotFoundException;
import dev.foresight.shared.WorkspaceRole;
import java.time.Duration;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The execution of one drift run. A monitor that names what the version lacks, or a window without rows, ends the
 * run with a status and a message; results and the {@link DriftDetected} events of the drifted pairs are written in
 * one transaction, so the event registry delivers exactly the drift that was stored.
 */
@Component
public class DriftRunJob implements JobRequestHandler<DriftRunJob.Request> {

    public static final String EXECUTION_TYPE = "drift.run";

    public record Request(UUID executionId, UUID runId) implements JobRequest {
        @Override
        public Class<DriftRunJob> getJobRequestHandler() {
            return DriftRunJob.class;
        }
    }

    /** A run that could not compare: its message goes to the run, the monitor and the execution. */
    static final class RunFailed extends RuntimeException {
        RunFailed(String message) {
            super(message);
        }
    }

    private final Executions executions;
    private final DriftStore store;
    private final Datasets datasets;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final DriftProperties properties;

    DriftRunJob(
            Executions executions,
            DriftStore store,
            Datasets datasets,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            DriftProperties properties) {
        this.executions = executions;
        this.store = store;
        this.datasets = datasets;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
    }

    private record Analysed(UUID versionId, DriftAnalysis.Outcome outcome) {}

    @Override
    public void run(Request request) {
        executions.run(request.executionId(), progress -> {
            var run = store.runRow(request.runId()).orElse(null);
            if (run == null || !(run.status().equals("QUEUED") || run.status().equals("RUNNING"))) {
                return; // deleted with its monitor, or finished before a crash cut the execution short
            }
            var monitor = store.monitor(run.monitorId()).orElseThrow();
            store.markRunning(run.id());
            progress.update(5, "Reading " + monitor.name());
            var workspace = new CurrentWorkspace(
                    monitor.workspaceId(),
                    monitor.workspaceSlug(),
                    monitor.workspaceSlug(),
                    WorkspaceRole.ADMIN,
                    run.createdBy());
            var definition = monitor.definition();
            Analysed analysed;
            try {
                var baselineWindow = definition.baselineVersion() == null
                        ? MonitorRules.window("baselineWindow", definition.baselineWindow())
                        : Duration.ZERO;
                var currentWindow = definition.baselineVersion() == null
                        ? MonitorRules.window("currentWindow", definition.currentWindow())
                        : Duration.ZERO;
                var analysis = new DriftAnalysis(properties.settings(definition.falseDiscoveryRate()));
                java.util.function.IntConsumer report =
                        percent -> progress.update(5 + percent * 85 / 100, "Comparing segments");
                analysed = datasets.scan(workspace, monitor.datasetId(), run.datasetVersionId(), scan -> {
                    if (definition.baselineVersion() == null) {
                        return new Analysed(
                                scan.versionId(),
                                analysis.run(definition, scan, null, baselineWindow, currentWindow, report));
                    }
                    return datasets.scan(
                            workspace,
                            monitor.datasetId(),
                            definition.baselineVersion(),
                            baseline -> new Analysed(
                                    scan.versionId(),
                                    analysis.run(definition, scan, baseline, baselineWindow, currentWindow, report)));
                });
            } catch (ErrorResponseException refused) {
                var detail = refused.getBody().getDetail();
                var message = refused instanceof ResourceNotFoundException
                        ? "The dataset or version the monitor reads is gone."
                        : detail == null ? "The monitor could not read the dataset." : detail;
                transactions.executeWithoutResult(tx -> {
                    store.finishRun(run.id(), "FAILED", message, null);
                    store.setMonitorStatus(monitor.id(), "BROKEN", message);
                });
                throw new RunFailed(message);
            }
            var outcome = analysed.outcome();
            if (!outcome.status().equals("SUCCEEDED")) {
                var message = outcome.message() == null ? outcome.status() : outcome.message();
                store.finishRun(run.id(), outcome.status(), message, analysed.versionId());
                progress.update(100, message);
                return;
            }
            progress.update(95, "Storing results");
            transactions.executeWithoutResult(tx -> {
                store.storeResults(run.id(), analysed.versionId(), outcome.windows(), outcome.results());
                store.setMonitorStatus(monitor.id(), "OK", null);
                for (var result : outcome.results()) {
                    if (result.drifted()) {
                        events.publishEvent(detected(monitor, run.id(), result));
                    }
                }
            });
            long drifted =
                    outcome.results().stream().filter(DriftResult::drifted).count();
            progress.update(100, drifted + " of " + outcome.results().size() + " pairs drifted");
        });
    }

    private static DriftDetected detected(DriftStore.MonitorRow monitor, UUID runId, DriftResult result) {
        return new DriftDetected(
                monitor.workspaceSlug(),
                monitor.workspaceId(),
                monitor.id(),
                monitor.name(),
                runId,
                monitor.datasetId(),
                result.segment(),
                result.metric(),
                result.test() == null ? "" : result.test(),
                result.statistic() == null ? 0 : result.statistic(),
                result.pValue(),
                result.threshold() == null ? 0 : result.threshold(),
                result.severity() == null ? dev.foresight.drift.DriftSeverity.LOW : result.severity(),
                result.baselineText() == null ? "" : result.baselineText(),
                result.currentText() == null ? "" : result.currentText());
    }
}
