package dev.foresight.identity;

import dev.foresight.identity.internal.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * Authenticates bearer tokens: workspace API tokens (they start with {@code fst_}) by their hash, everything else as
 * a Foresight access JWT.
 */
@Component
public class BearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {

    private final AuthenticationManager manager;

    BearerTokens(JwtDecoder jwtDecoder, ApiTokens apiTokens) {
        var jwt = new JwtAuthenticationProvider(jwtDecoder);
        this.manager = attempt -> {
            var token = ((BearerTokenAuthenticationToken) attempt).getToken();
            if (token.startsWith(ApiTokens.PREFIX)) {
                return apiTokens
                        .authenticate(token)
                        .orElseThrow(() -> new BadCredentialsException("The API token is unknown or revoked."));
            }
            return jwt.authenticate(attempt);
        };
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        return manager;
    }

    /** For channels outside the HTTP filter chain, such as a STOMP CONNECT frame. */
    public Authentication authenticate(String token) {
        return manager.authenticate(new BearerTokenAuthenticationToken(token));
    }
}
