package dev.foresight.identity.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ldap.NameNotFoundException;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.BaseLdapPathContextSource;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.stereotype.Component;

/**
 * Whether a name belongs to a person in the directory, so that no local account can take a directory person's name
 * before they first sign in.
 */
@Component
class DirectoryNames {

    private final ObjectProvider<BaseLdapPathContextSource> directory;
    private final IdentityProperties.Directory settings;

    DirectoryNames(ObjectProvider<BaseLdapPathContextSource> directory, IdentityProperties properties) {
        this.directory = directory;
        this.settings = properties.directory();
    }

    /** True when the directory knows the name; false without a directory. Throws when it cannot be asked. */
    boolean exists(String username) {
        var contextSource = directory.getIfAvailable();
        if (!settings.enabled() || contextSource == null) {
            return false;
        }
        if (settings.userSearchFilter() != null && !settings.userSearchFilter().isBlank()) {
            try {
                new FilterBasedLdapUserSearch(settings.userSearchBase(), settings.userSearchFilter(), contextSource)
                        .searchForUser(username);
                return true;
            } catch (UsernameNotFoundException absent) {
                return false;
            }
        }
        var dn = settings.userDnPattern().replace("{0}", LdapEncoder.nameEncode(username));
        try {
            new LdapTemplate(contextSource).lookup(dn);
            return true;
        } catch (NameNotFoundException absent) {
            return false;
        }
    }
}
