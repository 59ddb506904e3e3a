package dev.foresight.identity.web;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Membership;
import dev.foresight.identity.SignIn;
import dev.foresight.identity.TokenPair;
import dev.foresight.identity.Workspaces;
import dev.foresight.identity.internal.PersonStore;
import dev.foresight.identity.internal.Tokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Authentication", description = "Tokens for API clients")
@RestController
@RequestMapping("/api/v1")
class AuthRestController {

    // Spring logs request bodies at DEBUG: secrets stay out of toString, whatever characters they hold.
    record Credentials(@NotBlank @Size(max = 200) String username, @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****]";
        }
    }

    record Refresh(@NotBlank @Size(max = 200) String refresh_token) {
        @Override
        public String toString() {
            return "Refresh[refresh_token=****]";
        }
    }

    record Me(String username, String displayName, List<Membership> workspaces) {}

    private final SignIn signIn;
    private final Tokens tokens;
    private final PersonStore people;
    private final Workspaces workspaces;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    AuthRestController(SignIn signIn, Tokens tokens, PersonStore people, Workspaces workspaces) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.people = people;
        this.workspaces = workspaces;
    }

    @Operation(summary = "Exchanges a username and password for an access and a refresh token")
    @PostMapping("/auth/token")
    TokenPair token(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        var attempt =
                UsernamePasswordAuthenticationToken.unauthenticated(credentials.username(), credentials.password());
        attempt.setDetails(details.buildDetails(request));
        var user = (ForesightUser) signIn.authenticate(attempt).getPrincipal();
        return tokens.issue(user);
    }

    @Operation(summary = "Exchanges a refresh token, once, for a new pair")
    @PostMapping("/auth/refresh")
    TokenPair refresh(@Valid @RequestBody Refresh refresh) {
        var username = tokens.redeem(refresh.refresh_token())
                .orElseThrow(() -> new BadCredentialsException("The refresh token is unknown, used or expired."));
        var person = people.findByUsername(username)
                .filter(p -> p.enabled())
                .orElseThrow(() -> new BadCredentialsException("The account behind this refresh token is gone."));
        return tokens.issue(new ForesightUser(person.username(), person.displayName(), person.platformOperator()));
    }

    @Operation(summary = "Who the token belongs to, and their workspaces")
    @GetMapping("/me")
    Me me(Authentication authentication) {
        var person = people.findByUsername(authentication.getName())
                .orElseThrow(() -> new BadCredentialsException("Unknown account."));
        return new Me(person.username(), person.displayName(), workspaces.membershipsOf(person.username()));
    }
}
