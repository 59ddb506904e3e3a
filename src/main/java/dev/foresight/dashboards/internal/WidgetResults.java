package dev.foresight.dashboards.internal;

import dev.foresight.datasets.DatasetVersionPublished;
import dev.foresight.datasets.Datasets;
import dev.foresight.datasets.query.Queries;
import dev.foresight.datasets.query.QueryResult;
import dev.foresight.datasets.query.QuerySpec;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.WorkspaceKeys;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Widget results in the long cache tier, keyed by workspace, dataset version and spec: a new version makes old
 * entries unreachable, and its publication evicts them. Hits and misses are in the cache metrics
 * ({@code cache_gets_total{cache="long.widget-results"}}).
 */
@Component
public class WidgetResults {

    static final String CACHE = "long.widget-results";

    private final Queries queries;
    private final Datasets datasets;
    private final JsonMapper json;
    private final Cache cache;
    /** The keys cached per dataset, so a publication can evict them on Caffeine and Redis alike. */
    private final Map<UUID, Set<String>> keysByDataset = new ConcurrentHashMap<>();
    /**
     * The current version per workspace and dataset, as last looked up: reading the dataset's row on every cached
     * answer cost more than the answer. A publication replaces the entry; it is looked up again after a few seconds.
     */
    private final Map<String, CurrentVersion> versions = new ConcurrentHashMap<>();

    private record CurrentVersion(UUID versionId, long lookedUpAt) {}

    private static final long VERSION_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    WidgetResults(
            Queries queries,
            Datasets datasets,
            JsonMapper json,
            CacheManager caches,
            ObjectProvider<CacheMetricsRegistrar> metrics) {
        this.queries = queries;
        this.datasets = datasets;
        this.json = json;
        this.cache = Objects.requireNonNull(caches.getCache(CACHE), CACHE);
        metrics.ifAvailable(registrar -> registrar.bindCacheToRegistry(cache));
    }

    /** The rows of a spec over the dataset's current version, from the cache when another viewer asked before. */
    public QueryResult result(CurrentWorkspace workspace, QuerySpec spec) {
        var versionId = currentVersion(workspace, spec.dataset());
        var key = WorkspaceKeys.key(workspace.id(), "widget", spec.dataset(), versionId, json.writeValueAsString(spec));
        var cached = cache.get(key, QueryResult.class);
        if (cached != null) {
            return cached;
        }
        var result = queries.run(workspace, spec, versionId);
        cache.put(key, result);
        keysByDataset
                .computeIfAbsent(spec.dataset(), id -> ConcurrentHashMap.newKeySet())
                .add(key);
        return result;
    }

    private UUID currentVersion(CurrentWorkspace workspace, UUID datasetId) {
        var entry = workspace.id() + ":" + datasetId;
        var known = versions.get(entry);
        if (known != null && System.nanoTime() - known.lookedUpAt() < VERSION_TTL_NANOS) {
            return known.versionId();
        }
        // The facade checks that the dataset is this workspace's, and says so plainly when it is gone.
        var dataset = datasets.get(workspace, datasetId);
        if (dataset.currentVersionId() == null) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT, "Dataset '" + dataset.name() + "' has no processed version yet.");
        }
        versions.put(entry, new CurrentVersion(dataset.currentVersionId(), System.nanoTime()));
        return dataset.currentVersionId();
    }

    /** After the commit, so the next lookup reads the new version. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(DatasetVersionPublished published) {
        versions.remove(published.workspaceId() + ":" + published.datasetId());
        var keys = keysByDataset.remove(published.datasetId());
        if (keys != null) {
            keys.forEach(cache::evict);
        }
    }
}
