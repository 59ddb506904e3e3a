package dev.foresight.audit.internal;

import dev.foresight.audit.AuditEvent;
import dev.foresight.audit.AuditQuery;
import dev.foresight.audit.AuditRecord;
import dev.foresight.audit.ChainVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends audit events to per-workspace SHA-256 hash chains and re-computes them on demand. The chain head row is
 * locked while appending so that concurrent writers, on one node or several, never fork a chain.
 */
@Repository
public class AuditStore {

    static final String GENESIS = "0".repeat(64);
    private static final String PLATFORM_CHAIN = "platform";

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String chainKey(@Nullable Long workspaceId) {
        return workspaceId == null ? PLATFORM_CHAIN : "ws-" + workspaceId;
    }

    @Transactional
    public void append(AuditRecord record) {
        var chain = chainKey(record.workspaceId());
        var head = lockHead(chain);
        var occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var details = details(record.details());
        var requestId = MDC.get("requestId");
        var clientAddress = clientAddress();
        long seq = head.seq() + 1;
        var hash = hash(
                head.lastHash(),
                seq,
                chain,
                occurredAt,
                record.actor(),
                record.action(),
                record.entityType(),
                record.entityId(),
                requestId,
                clientAddress,
                details);
        jdbc.sql(
                        """
                        insert into audit_events (chain_key, seq, workspace_id, occurred_at, actor, action, entity_type,
                            entity_id, request_id, client_address, details, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        chain,
                        seq,
                        record.workspaceId(),
                        occurredAt.atOffset(ZoneOffset.UTC),
                        truncate(record.actor(), 200),
                        truncate(record.action(), 80),
                        record.entityType(),
                        record.entityId() == null ? null : truncate(record.entityId(), 200),
                        requestId,
                        clientAddress,
                        details,
                        head.lastHash(),
                        hash)
                .update();
        jdbc.sql("update audit_chain_heads set seq = ?, last_hash = ? where chain_key = ?")
                .params(seq, hash, chain)
                .update();
    }

    private Head lockHead(String chain) {
        for (int attempt = 0; attempt < 3; attempt++) {
            var head = jdbc.sql("select seq, last_hash from audit_chain_heads where chain_key = ? for update")
                    .param(chain)
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                    .optional();
            if (head.isPresent()) {
                return head.get();
            }
            try {
                jdbc.sql("insert into audit_chain_heads (chain_key, seq, last_hash) values (?, 0, ?)")
                        .params(chain, GENESIS)
                        .update();
            } catch (DuplicateKeyException raced) {
                // another writer created the head first; lock theirs on the next pass
            }
        }
        throw new IllegalStateException("Could not lock audit chain " + chain);
    }

    public List<AuditEvent> find(long workspaceId, AuditQuery query) {
        var events = new ArrayList<AuditEvent>();
        forEach(workspaceId, query, events::add);
        return events;
    }

    public void forEach(long workspaceId, AuditQuery query, Consumer<AuditEvent> consumer) {
        var sql = new StringBuilder("select * from audit_events where chain_key = :chain");
        var params = new TreeMap<String, Object>();
        params.put("chain", chainKey(workspaceId));
        if (query.actor() != null) {
            sql.append(" and actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            sql.append(" and action = :action");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            sql.append(" and occurred_at >= :from");
            params.put("from", query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < :to");
            params.put("to", query.to().atOffset(ZoneOffset.UTC));
        }
        sql.append(" order by seq desc fetch first ").append(query.limit()).append(" rows only");
        jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
            consumer.accept(toEvent(rs));
        });
    }

    /**
     * Re-computes the chain up to its recorded head. The head is read first, so that events appended meanwhile are
     * left for the next check; comparing with it shows when the newest events were removed.
     */
    public ChainVerification verify(String chain) {
        var head = jdbc.sql("select seq, last_hash from audit_chain_heads where chain_key = ?")
                .param(chain)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
        var state = new Object() {
            long count;
            String previous = GENESIS;

            @Nullable
            Long brokenId;

            @Nullable
            String reason;
        };
        jdbc.sql("select * from audit_events where chain_key = ? and seq <= ? order by seq")
                .params(chain, head.map(Head::seq).orElse(Long.MAX_VALUE))
                .query((ResultSet rs) -> {
                    state.count++;
                    if (state.brokenId != null) {
                        return;
                    }
                    var event = toEvent(rs);
                    var prev = rs.getString("prev_hash");
                    if (event.seq() != state.count) {
                        state.brokenId = event.id();
                        state.reason =
                                "event " + event.id() + " has sequence " + event.seq() + ", expected " + state.count;
                    } else if (!prev.equals(state.previous)) {
                        state.brokenId = event.id();
                        state.reason = "event " + event.id() + " does not link to the event before it";
                    } else if (!event.hash()
                            .equals(hash(
                                    prev,
                                    event.seq(),
                                    chain,
                                    event.occurredAt(),
                                    event.actor(),
                                    event.action(),
                                    event.entityType(),
                                    event.entityId(),
                                    event.requestId(),
                                    event.clientAddress(),
                                    event.details()))) {
                        state.brokenId = event.id();
                        state.reason = "event " + event.id() + " was altered after it was written";
                    }
                    state.previous = event.hash();
                });
        if (state.brokenId != null) {
            return new ChainVerification(false, state.count, state.brokenId, state.reason);
        }
        long recorded = head.map(Head::seq).orElse(0L);
        if (state.count != recorded
                || !state.previous.equals(head.map(Head::lastHash).orElse(GENESIS))) {
            var reason = state.count != recorded
                    ? "the chain ends after " + state.count + " events, but its head records " + recorded
                            + ": the newest events were removed"
                    : "the newest event does not match the chain's head: it was replaced";
            return new ChainVerification(false, state.count, null, reason);
        }
        return new ChainVerification(true, state.count, null, null);
    }

    private static AuditEvent toEvent(ResultSet rs) throws SQLException {
        long workspaceId = rs.getLong("workspace_id");
        return new AuditEvent(
                rs.getLong("id"),
                rs.getLong("seq"),
                rs.wasNull() ? null : workspaceId,
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("entity_type"),
                rs.getString("entity_id"),
                rs.getString("request_id"),
                rs.getString("client_address"),
                rs.getString("details"),
                rs.getString("hash"));
    }

    static String hash(
            String previousHash,
            long seq,
            String chain,
            Instant occurredAt,
            String actor,
            String action,
            @Nullable String entityType,
            @Nullable String entityId,
            @Nullable String requestId,
            @Nullable String clientAddress,
            @Nullable String details) {
        // Unit separators keep field boundaries unambiguous, so no two different events hash the same text.
        var canonical = String.join(
                "\u001f",
                previousHash,
                Long.toString(seq),
                chain,
                occurredAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                actor,
                action,
                String.valueOf(entityType),
                String.valueOf(entityId),
                String.valueOf(requestId),
                String.valueOf(clientAddress),
                String.valueOf(details));
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static @Nullable String details(Map<String, ?> details) {
        if (details.isEmpty()) {
            return null;
        }
        return truncate(
                new TreeMap<>(details)
                        .entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("; ")),
                4000);
    }

    private static @Nullable String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private record Head(long seq, String lastHash) {}
}
