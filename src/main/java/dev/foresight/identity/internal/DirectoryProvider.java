package dev.foresight.identity.internal;

import dev.foresight.identity.DirectoryUnavailableException;
import java.util.List;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.ldap.core.support.BaseLdapPathContextSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;

/** Signs people in by binding to the directory as them, then reads their groups. */
class DirectoryProvider implements AuthenticationProvider {

    private final BindAuthenticator authenticator;
    private final DefaultLdapAuthoritiesPopulator groups;
    private final DirectorySync sync;

    DirectoryProvider(
            BaseLdapPathContextSource contextSource, IdentityProperties.Directory settings, DirectorySync sync) {
        this.sync = sync;
        this.authenticator = new BindAuthenticator(contextSource);
        authenticator.setUserDnPatterns(new String[] {settings.userDnPattern()});
        if (settings.userSearchFilter() != null && !settings.userSearchFilter().isBlank()) {
            authenticator.setUserSearch(new FilterBasedLdapUserSearch(
                    settings.userSearchBase(), settings.userSearchFilter(), contextSource));
        }
        this.groups = new DefaultLdapAuthoritiesPopulator(contextSource, settings.groupSearchBase());
        groups.setGroupSearchFilter(settings.groupSearchFilter());
        groups.setGroupRoleAttribute(settings.groupNameAttribute());
        groups.setRolePrefix("");
        groups.setConvertToUpperCase(false);
        groups.setSearchSubtree(true);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var username = authentication.getName();
        if (username.isBlank()
                || String.valueOf(authentication.getCredentials()).isEmpty()) {
            // An empty password would be an anonymous bind, which many directories accept; local names stay local.
            throw new BadCredentialsException("Wrong username or password.");
        }
        DirContextOperations entry;
        List<String> groupNames;
        try {
            entry = authenticator.authenticate(authentication);
            groupNames = groups.getGrantedAuthorities(entry, username).stream()
                    .map(GrantedAuthority::getAuthority)
                    .toList();
        } catch (BadCredentialsException wrong) {
            throw new BadCredentialsException("Wrong username or password.", wrong);
        } catch (org.springframework.ldap.CommunicationException
                | org.springframework.ldap.UncategorizedLdapException
                | InternalAuthenticationServiceException unreachable) {
            throw new DirectoryUnavailableException(unreachable);
        }
        var displayName =
                firstNonBlank(entry.getStringAttribute("displayName"), entry.getStringAttribute("cn"), username);
        var email = entry.getStringAttribute("mail");
        return SignedIn.token(sync.sync(username, displayName, email, groupNames));
    }

    private static String firstNonBlank(String... values) {
        for (var value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
