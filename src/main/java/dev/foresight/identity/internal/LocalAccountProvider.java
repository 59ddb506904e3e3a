package dev.foresight.identity.internal;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.internal.Person.PersonSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Signs in local accounts against their Argon2id hash. Unknown names fall through to the directory. */
@Component
class LocalAccountProvider implements AuthenticationProvider {

    // Hashing a dummy keeps the time of "no such account" close to that of "wrong password".
    private final String dummyHash;
    private final PersonStore people;
    private final PasswordEncoder passwords;

    LocalAccountProvider(PersonStore people, PasswordEncoder passwords) {
        this.people = people;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("not-a-real-password");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var username = authentication.getName();
        var password = String.valueOf(authentication.getCredentials());
        var person = people.findByUsername(username).filter(p -> p.source() == PersonSource.LOCAL);
        if (person.isEmpty() || person.get().passwordHash() == null) {
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException("Wrong username or password.");
        }
        var account = person.get();
        if (!passwords.matches(password, account.passwordHash())) {
            throw new BadCredentialsException("Wrong username or password.");
        }
        if (!account.enabled()) {
            throw new DisabledException("Your account is disabled in Foresight.");
        }
        people.signedIn(account.id());
        var user = new ForesightUser(account.username(), account.displayName(), account.platformOperator());
        return SignedIn.token(user);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
