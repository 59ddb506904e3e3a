package dev.foresight.identity;

import java.io.Serializable;
import java.security.Principal;

/** The signed-in person, kept in the web session. Workspace roles are looked up per request, never cached here. */
public record ForesightUser(String username, String displayName, boolean platformOperator)
        implements Principal, Serializable {

    @Override
    public String getName() {
        return username;
    }
}
