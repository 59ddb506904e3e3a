package dev.foresight.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address with Bucket4j: once either has failed the configured
 * number of times within the window, attempts are refused until its bucket refills.
 */
@Component
public class SignInThrottle {

    private final IdentityProperties.Throttle settings;
    private final Cache<String, Bucket> buckets;

    SignInThrottle(IdentityProperties properties) {
        this.settings = properties.throttle();
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(settings.window())
                .maximumSize(100_000)
                .build();
    }

    /** How long the caller must wait, when the account or the address is locked out. */
    public Optional<Duration> lockedFor(String username, @Nullable String address) {
        return worst(wait(accountKey(username)), address == null ? null : wait(addressKey(address)));
    }

    public void failed(String username, @Nullable String address) {
        bucket(accountKey(username)).tryConsume(1);
        if (address != null) {
            bucket(addressKey(address)).tryConsume(1);
        }
    }

    private @Nullable Duration wait(String key) {
        var bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return null;
        }
        return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    private static Optional<Duration> worst(@Nullable Duration a, @Nullable Duration b) {
        if (a == null) {
            return Optional.ofNullable(b);
        }
        return Optional.of(b == null || a.compareTo(b) >= 0 ? a : b);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.maxFailures())
                        .refillIntervally(settings.maxFailures(), settings.window())
                        .build())
                .build());
    }

    private static String accountKey(String username) {
        return "account:" + username.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
