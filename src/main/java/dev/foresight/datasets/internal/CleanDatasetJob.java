package dev.foresight.datasets.internal;

import dev.foresight.datasets.CleaningSpec;
import dev.foresight.datasets.Datasets;
import dev.foresight.executions.Executions;
import dev.foresight.shared.CurrentWorkspace;
import java.nio.file.Files;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/** The cleaning execution: cleans the current version's rows and adds them as a new version with a summary. */
@Component
public class CleanDatasetJob implements JobRequestHandler<CleanDatasetJob.Request> {

    public static final String EXECUTION_TYPE = "dataset.clean";

    public record Request(
            UUID executionId,
            long workspaceId,
            String workspaceSlug,
            UUID datasetId,
            UUID versionId,
            CleaningSpec spec,
            String actor)
            implements JobRequest {
        @Override
        public Class<CleanDatasetJob> getJobRequestHandler() {
            return CleanDatasetJob.class;
        }
    }

    private final Executions executions;
    private final DatasetStore store;
    private final VersionFiles files;
    private final Cleaning cleaning;
    private final Datasets datasets;

    CleanDatasetJob(
            Executions executions, DatasetStore store, VersionFiles files, Cleaning cleaning, Datasets datasets) {
        this.executions = executions;
        this.store = store;
        this.files = files;
        this.cleaning = cleaning;
        this.datasets = datasets;
    }

    @Override
    public void run(Request request) {
        executions.run(request.executionId(), progress -> {
            var source = store.version(request.workspaceId(), request.datasetId(), request.versionId())
                    .orElseThrow(() -> new IllegalStateException("The version to clean is gone"));
            var work = Files.createTempDirectory("foresight-clean-");
            try {
                var target = work.resolve("cleaned.csv");
                var summary = cleaning.clean(
                        files.parquet(request.workspaceId(), request.datasetId(), source.id()),
                        source.columns(),
                        request.spec(),
                        target,
                        progress);
                summary.put("cleanedVersion", source.number());
                var workspace = new CurrentWorkspace(
                        request.workspaceId(), request.workspaceSlug(), request.workspaceSlug(), null, request.actor());
                datasets.addCleanedVersion(workspace, request.datasetId(), target, summary);
                progress.update(
                        100,
                        "Cleaned: " + summary.get("rowsBefore") + " rows before, " + summary.get("rowsAfter")
                                + " after; the new version is being checked");
            } finally {
                try (var paths = Files.walk(work)) {
                    for (var path :
                            paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        });
    }
}
