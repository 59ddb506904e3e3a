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
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
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
        var dataset = datasets.get(workspace, spec.dataset());
        if (dataset.currentVersionId() == null) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT, "Dataset '" + dataset.name() + "' has no processed version yet.");
        }
        var versionId = dataset.currentVersionId();
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

    @EventListener
    void on(DatasetVersionPublished published) {
        var keys = keysByDataset.remove(published.datasetId());
        if (keys != null) {
            keys.forEach(cache::evict);
        }
    }
}
