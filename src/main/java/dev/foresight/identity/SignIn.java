package dev.foresight.identity;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.identity.internal.SignInProviders;
import dev.foresight.identity.internal.SignInThrottle;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every password sign-in, by form or API, comes through here: throttled per account and address, tried against local
 * accounts first and the directory second, audited and counted either way.
 */
@Component
public class SignIn implements AuthenticationManager {

    private final ProviderManager providers;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final MeterRegistry meters;

    SignIn(SignInProviders providers, SignInThrottle throttle, AuditLog audit, MeterRegistry meters) {
        this.providers = new ProviderManager(providers.all());
        this.providers.setEraseCredentialsAfterAuthentication(true);
        this.throttle = throttle;
        this.audit = audit;
        this.meters = meters;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        var username = sanitize(attempt.getName());
        var address = address(attempt);
        var locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            count("throttled");
            audit.record(AuditRecord.of(null, username, "sign-in.throttled"));
            throw new SignInThrottledException(locked.get());
        }
        try {
            var result = providers.authenticate(attempt);
            count("success");
            audit.record(AuditRecord.of(null, username, "sign-in.succeeded"));
            return result;
        } catch (AuthenticationException failure) {
            throttle.failed(username, address);
            count("failure");
            audit.record(AuditRecord.of(null, username, "sign-in.failed")
                    .details(Map.of("reason", String.valueOf(failure.getMessage()))));
            throw failure;
        }
    }

    private void count(String outcome) {
        meters.counter("foresight.sign-ins", "outcome", outcome).increment();
    }

    private static @Nullable String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    /** Usernames arrive from strangers: keep them short and printable before they reach logs and the audit trail. */
    private static String sanitize(@Nullable String username) {
        if (username == null) {
            return "";
        }
        var printable = username.replaceAll("\\p{Cntrl}", "").strip();
        return printable.length() > 100 ? printable.substring(0, 100) : printable;
    }
}
