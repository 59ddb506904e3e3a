package dev.foresight.identity;

import dev.foresight.identity.internal.ApiTokenAuthentication;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Who is calling, whichever way they signed in. */
public final class Callers {

    private Callers() {}

    /** The username of a signed-in person, or {@code null} for anonymous callers and API tokens. */
    public static @Nullable String username(@Nullable Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken
                || authentication instanceof ApiTokenAuthentication) {
            return null;
        }
        return authentication.getName();
    }
}
