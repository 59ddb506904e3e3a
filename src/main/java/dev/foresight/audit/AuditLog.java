package dev.foresight.audit;

import dev.foresight.audit.internal.AuditStore;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** The one door to the audit trail: every module records its actions here. */
@Service
public class AuditLog {

    private final AuditStore store;

    AuditLog(AuditStore store) {
        this.store = store;
    }

    /** Appends the record to its workspace's chain, in the caller's transaction when there is one. */
    public void record(AuditRecord record) {
        store.append(record);
    }

    public List<AuditEvent> find(long workspaceId, AuditQuery query) {
        return store.find(workspaceId, query);
    }

    public void forEach(long workspaceId, AuditQuery query, Consumer<AuditEvent> consumer) {
        store.forEach(workspaceId, query, consumer);
    }

    public ChainVerification verify(long workspaceId) {
        return store.verify(AuditStore.chainKey(workspaceId));
    }
}
