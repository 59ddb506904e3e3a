package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.caffeine.CaffeineCache;

/** The embedded default: Caffeine, a TTL per tier, keys that always carry the workspace. */
@ForesightTest
class CacheTiersTests {

    @Autowired
    CacheManager caches;

    @Autowired
    CachingConfigurer caching;

    @Autowired
    Workspaces workspaces;

    @Test
    void eachTierHasItsConfiguredTimeToLive() {
        var fast = (CaffeineCache) caches.getCache("fast.anything");
        var persistent = (CaffeineCache) caches.getCache("persistent.anything");
        assertThat(fast.getNativeCache()
                        .policy()
                        .expireAfterWrite()
                        .orElseThrow()
                        .getExpiresAfter())
                .hasSeconds(30);
        assertThat(persistent
                        .getNativeCache()
                        .policy()
                        .expireAfterWrite()
                        .orElseThrow()
                        .getExpiresAfter())
                .hasHours(1);
    }

    @Test
    void aCacheOutsideTheTiersIsRefused() {
        assertThatThrownBy(() -> caches.getCache("forever.things")).hasMessageContaining("tier");
    }

    @Test
    void keysNameTheWorkspaceAndMethodsWithoutOneAreRefused() throws Exception {
        DemoData.awaitSeeded(workspaces);
        var generator = caching.keyGenerator();
        var roleOf = Workspaces.class.getMethod("roleOf", long.class, String.class);
        assertThat(generator.generate(workspaces, roleOf, 7L, "admin")).isEqualTo("ws:7:roleOf:admin");

        var findBySlug = Workspaces.class.getMethod("findBySlug", String.class);
        assertThatThrownBy(() -> generator.generate(workspaces, findBySlug, "claims"))
                .hasMessageContaining("must take its workspace");
    }

    @Test
    void roleLookupsAreServedFromTheCacheWithAWorkspaceKey() {
        DemoData.awaitSeeded(workspaces);
        var claims = workspaces.findBySlug("claims").orElseThrow();
        workspaces.roleOf(claims.id(), "nobody-here");
        workspaces.roleOf(claims.id(), "admin");
        var cache = (CaffeineCache) caches.getCache(Workspaces.ROLE_CACHE);
        // admin is a member once signed in by any test; a non-member's "no role" is never cached
        assertThat(cache.getNativeCache().asMap().keySet())
                .allSatisfy(key -> assertThat(key.toString()).startsWith("ws:"))
                .doesNotContain("ws:" + claims.id() + ":roleOf:nobody-here");
    }
}
