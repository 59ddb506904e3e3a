package dev.foresight.identity.internal;

import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CacheEvictions;
import dev.foresight.shared.WorkspaceKeys;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Evicts cached role lookups the moment a membership changes, and again once the change commits, so a revoked role
 * stops working at once.
 */
@Component
public class RoleCache {

    private final CacheManager caches;
    private final WorkspaceStore workspaces;

    RoleCache(CacheManager caches, WorkspaceStore workspaces) {
        this.caches = caches;
        this.workspaces = workspaces;
    }

    public void evict(long workspaceId, String username) {
        var cache = caches.getCache(Workspaces.ROLE_CACHE);
        if (cache != null) {
            CacheEvictions.evict(cache, WorkspaceKeys.key(workspaceId, "roleOf", username));
        }
    }

    /** Evicts the person's role in every workspace, after a sign-in re-derived their memberships. */
    public void evictAll(String username) {
        workspaces.all().forEach(workspace -> evict(workspace.id(), username));
    }
}
