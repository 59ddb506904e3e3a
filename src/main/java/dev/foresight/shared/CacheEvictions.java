package dev.foresight.shared;

import org.springframework.cache.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evicting a cached value that the current transaction changes: at once, and again after the commit. A read between
 * the change and its commit still sees the old rows and may cache them again; the second eviction removes that.
 */
public final class CacheEvictions {

    private CacheEvictions() {}

    public static void evict(Cache cache, Object key) {
        cache.evict(key);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.evict(key);
                }
            });
        }
    }
}
