package dev.foresight.identity.internal;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.identity.ApiToken;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspace API tokens: random 256-bit secrets, kept only as SHA-256 hashes, revocable at once. */
@Service
public class ApiTokens {

    public static final String PREFIX = "fst_";

    /** The secret of a new token, shown to its creator once. */
    public record CreatedToken(UUID id, String token) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ApiTokens(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public CreatedToken create(CurrentWorkspace workspace, String name) {
        var trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 120) {
            throw new InvalidRequestException("A token name has 1 to 120 characters.");
        }
        var id = UUID.randomUUID();
        var secret = Tokens.randomSecret(PREFIX);
        jdbc.sql(
                        """
                        insert into api_tokens (id, workspace_id, name, token_hash, token_prefix, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        workspace.id(),
                        trimmed,
                        Tokens.sha256(secret),
                        secret.substring(0, 10),
                        workspace.actor(),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "api-token.created")
                .entity("api-token", id)
                .details(Map.of("name", trimmed)));
        return new CreatedToken(id, secret);
    }

    public List<ApiToken> list(CurrentWorkspace workspace) {
        return jdbc.sql("select * from api_tokens where workspace_id = ? order by created_at desc")
                .param(workspace.id())
                .query(ApiTokens::map)
                .list();
    }

    @Transactional
    public void revoke(CurrentWorkspace workspace, UUID id) {
        int updated = jdbc.sql(
                        "update api_tokens set revoked_at = coalesce(revoked_at, ?) where id = ? and workspace_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), id, workspace.id())
                .update();
        if (updated == 0) {
            throw new ResourceNotFoundException("API token " + id);
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "api-token.revoked")
                .entity("api-token", id));
    }

    /** The live token with this secret, marking it used; empty for unknown or revoked secrets. */
    @Transactional
    public Optional<ApiTokenAuthentication> authenticate(String secret) {
        var hash = Tokens.sha256(secret);
        var found = jdbc.sql(
                        "select id, workspace_id, name from api_tokens where token_hash = ? and revoked_at is null")
                .param(hash)
                .query((rs, n) -> new ApiTokenAuthentication(
                        rs.getObject("id", UUID.class), rs.getLong("workspace_id"), rs.getString("name")))
                .optional();
        found.ifPresent(token -> jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), token.tokenId())
                .update());
        return found;
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("token_prefix"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
