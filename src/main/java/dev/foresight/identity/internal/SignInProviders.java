package dev.foresight.identity.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ldap.core.support.BaseLdapPathContextSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.stereotype.Component;

/** Local accounts first, then the directory when one is configured. */
@Component
public class SignInProviders {

    private final List<AuthenticationProvider> providers = new ArrayList<>();

    SignInProviders(
            LocalAccountProvider local,
            ObjectProvider<BaseLdapPathContextSource> directory,
            IdentityProperties properties,
            DirectorySync sync) {
        providers.add(local);
        var contextSource = directory.getIfAvailable();
        if (properties.directory().enabled() && contextSource != null) {
            providers.add(new DirectoryProvider(contextSource, properties.directory(), sync));
        }
    }

    public List<AuthenticationProvider> all() {
        return List.copyOf(providers);
    }
}
