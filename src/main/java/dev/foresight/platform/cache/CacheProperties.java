package dev.foresight.platform.cache;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cache tiers. A cache is named {@code <tier>.<purpose>} (for example {@code fast.workspace-roles}) and lives as long
 * as its tier says.
 *
 * @param provider {@code caffeine} in one process, {@code redis} when several nodes must share
 * @param ttl time to live per tier: fast, medium, long, persistent
 */
@Validated
@ConfigurationProperties("foresight.cache")
record CacheProperties(
        @DefaultValue("caffeine") Provider provider,
        @DefaultValue({"fast=30s", "medium=5m", "long=15m", "persistent=1h"}) Map<String, Duration> ttl,
        @DefaultValue("10000") long maximumSize) {

    enum Provider {
        CAFFEINE,
        REDIS
    }

    static final java.util.List<String> TIERS = java.util.List.of("fast", "medium", "long", "persistent");

    CacheProperties {
        for (var tier : TIERS) {
            if (!ttl.containsKey(tier)) {
                throw new IllegalArgumentException("foresight.cache.ttl." + tier + " is missing");
            }
        }
    }

    Duration ttlOf(String cacheName) {
        var dot = cacheName.indexOf('.');
        var tier = dot < 0 ? cacheName : cacheName.substring(0, dot);
        var duration = ttl.get(tier);
        if (duration == null) {
            throw new IllegalArgumentException("Cache '" + cacheName + "' does not start with a tier: one of " + TIERS);
        }
        return duration;
    }
}
