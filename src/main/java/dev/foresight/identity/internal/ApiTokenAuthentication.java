package dev.foresight.identity.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A workspace API token, authenticated. It acts only in its own workspace, on routes marked for machines. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final UUID tokenId;
    private final long workspaceId;
    private final String tokenName;

    ApiTokenAuthentication(UUID tokenId, long workspaceId, String tokenName) {
        super(List.of(new SimpleGrantedAuthority("ROLE_WORKSPACE_TOKEN")));
        this.tokenId = tokenId;
        this.workspaceId = workspaceId;
        this.tokenName = tokenName;
        setAuthenticated(true);
    }

    public UUID tokenId() {
        return tokenId;
    }

    public long workspaceId() {
        return workspaceId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "token:" + tokenId;
    }

    @Override
    public String getName() {
        return "token:" + tokenId + " (" + tokenName + ")";
    }
}
