package dev.foresight.platform.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceKeys;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Spring Cache on Caffeine (one node) or Redis (several), with one TTL per tier, and a key generator that refuses any
 * cached method whose first argument is not its workspace.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfiguration implements CachingConfigurer {

    @Bean
    @ConditionalOnProperty(name = "foresight.cache.provider", havingValue = "caffeine", matchIfMissing = true)
    CacheManager caffeineCacheManager(CacheProperties properties) {
        var manager = new CaffeineCacheManager() {
            @Override
            protected com.github.benmanes.caffeine.cache.Cache<Object, Object> createNativeCaffeineCache(String name) {
                return Caffeine.newBuilder()
                        .expireAfterWrite(properties.ttlOf(name))
                        .maximumSize(properties.maximumSize())
                        .recordStats()
                        .build();
            }
        };
        manager.setAllowNullValues(false);
        return manager;
    }

    @Bean
    @ConditionalOnProperty(name = "foresight.cache.provider", havingValue = "redis")
    CacheManager redisCacheManager(CacheProperties properties, RedisConnectionFactory connections) {
        var defaults = RedisCacheConfiguration.defaultCacheConfig()
                .prefixCacheNameWith("foresight:")
                .disableCachingNullValues();
        return new RedisCacheManager(RedisCacheWriter.nonLockingRedisCacheWriter(connections), defaults) {
            @Override
            protected RedisCache createRedisCache(String name, @Nullable RedisCacheConfiguration configuration) {
                var base = configuration == null ? defaults : configuration;
                return super.createRedisCache(name, base.entryTtl(properties.ttlOf(name)));
            }
        };
    }

    @Override
    public KeyGenerator keyGenerator() {
        return (target, method, params) -> {
            if (params.length > 0) {
                Object first = params[0];
                Object[] rest = Arrays.copyOfRange(params, 1, params.length);
                if (first instanceof CurrentWorkspace workspace) {
                    return WorkspaceKeys.key(workspace.id(), method.getName(), rest);
                }
                if (first instanceof Long workspaceId) {
                    return WorkspaceKeys.key(workspaceId, method.getName(), rest);
                }
            }
            throw new IllegalStateException(
                    "Cached method " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                            + " must take its workspace (id or CurrentWorkspace) as first argument");
        };
    }
}
