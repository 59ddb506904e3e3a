package dev.foresight.identity.internal;

import dev.foresight.identity.ForesightUser;
import java.util.ArrayList;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication every sign-in path ends with. Workspace roles are not authorities: they are per workspace. */
final class SignedIn {

    private SignedIn() {}

    static UsernamePasswordAuthenticationToken token(ForesightUser user) {
        var authorities = new ArrayList<GrantedAuthority>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.platformOperator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}
