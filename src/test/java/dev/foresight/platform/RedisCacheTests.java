package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Services;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/** The caching backbone on the machine's Redis: workspace-scoped keys, the tier's TTL, eviction on change. */
@ForesightTest
@TestPropertySource(properties = {"foresight.cache.provider=redis", "spring.data.redis.host=127.0.0.1"})
class RedisCacheTests {

    @BeforeAll
    static void redis() {
        Services.assumeReachable("Redis", "127.0.0.1", 6379);
    }

    @Autowired
    CacheManager caches;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    @BeforeEach
    void seeded() {
        DemoData.awaitSeeded(workspaces);
    }

    @Test
    void roleLookupsAreCachedInRedisUnderTheirWorkspaceWithTheFastTierTtl() {
        assertThat(caches).isInstanceOf(RedisCacheManager.class);
        var api = new Api(port);
        api.tokenFor("viewer");
        var claims = workspaces.findBySlug("claims").orElseThrow();
        var key = "foresight:" + Workspaces.ROLE_CACHE + "::ws:" + claims.id() + ":roleOf:viewer";
        redis.delete(key);

        assertThat(workspaces.roleOf(claims.id(), "viewer")).isEqualTo(WorkspaceRole.VIEWER);

        // the cache writer may answer on another connection than the template reads on
        await().atMost(Duration.ofSeconds(2)).until(() -> redis.hasKey(key));
        var ttl = redis.getExpire(key);
        assertThat(ttl).isBetween(1L, 30L);
    }

    @Test
    void aRoleChangeEvictsTheCachedRoleAtOnce() {
        var api = new Api(port);
        api.tokenFor("viewer");
        var admin = api.tokenFor("admin");
        var insights = workspaces.findBySlug("insights").orElseThrow();
        var key = "foresight:" + Workspaces.ROLE_CACHE + "::ws:" + insights.id() + ":roleOf:viewer";
        assertThat(workspaces.roleOf(insights.id(), "viewer")).isEqualTo(WorkspaceRole.VIEWER);
        await().atMost(Duration.ofSeconds(2)).until(() -> redis.hasKey(key));

        var changed = api.put("/api/v1/workspaces/insights/members/viewer", admin, Api.json(Map.of("role", "MANAGER")));
        assertThat(changed.status()).isEqualTo(204);

        assertThat(redis.hasKey(key)).isFalse();
        assertThat(workspaces.roleOf(insights.id(), "viewer")).isEqualTo(WorkspaceRole.MANAGER);
        api.put("/api/v1/workspaces/insights/members/viewer", admin, Api.json(Map.of("role", "VIEWER")));
    }
}
