package dev.foresight.identity.internal;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.internal.MembershipStore.Source;
import dev.foresight.identity.internal.Person.PersonSource;
import dev.foresight.shared.WorkspaceRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a successful directory bind into a Foresight person: their profile is refreshed and their directory-derived
 * memberships re-computed from the workspaces' group mappings. A role set by hand in a workspace wins over a group.
 */
@Component
class DirectorySync {

    private final PersonStore people;
    private final MembershipStore memberships;
    private final RoleCache roleCache;
    private final IdentityProperties properties;
    private final AuditLog audit;

    DirectorySync(
            PersonStore people,
            MembershipStore memberships,
            RoleCache roleCache,
            IdentityProperties properties,
            AuditLog audit) {
        this.people = people;
        this.memberships = memberships;
        this.roleCache = roleCache;
        this.properties = properties;
        this.audit = audit;
    }

    /** Names that belong to local accounts never go to the directory, so a typo there cannot bind as someone else. */
    boolean isLocalAccount(String username) {
        return people.findByUsername(username)
                .map(person -> person.source() == PersonSource.LOCAL)
                .orElse(false);
    }

    @Transactional
    ForesightUser sync(String username, String displayName, @Nullable String email, List<String> groups) {
        boolean operator = groups.contains(properties.directory().operatorGroup());
        var existing = people.findByUsername(username);
        if (existing.isPresent() && existing.get().source() == PersonSource.LOCAL) {
            throw new NoWorkspaceAccessException("The name '" + username
                    + "' belongs to a local account here; sign in with that account's password.");
        }
        if (existing.isPresent() && !existing.get().enabled()) {
            throw new DisabledException("Your account is disabled in Foresight.");
        }
        var person = existing.orElseGet(
                () -> people.insert(username, displayName, email, PersonSource.DIRECTORY, null, operator));
        people.updateDirectoryProfile(person.id(), displayName, email, operator);

        Map<Long, WorkspaceRole> granted = new HashMap<>();
        for (var grant : memberships.grantsFor(groups)) {
            granted.merge(grant.workspaceId(), grant.role(), (a, b) -> a.covers(b) ? a : b);
        }
        var before = memberships.rolesOf(person.id());
        memberships.removeDirectoryMemberships(person.id());
        granted.forEach((workspaceId, role) -> {
            if (memberships.sourceOf(workspaceId, person.id()).isEmpty()) {
                memberships.put(workspaceId, person.id(), role, Source.DIRECTORY);
            }
        });
        roleCache.evictAll(username);
        auditChanges(username, before, memberships.rolesOf(person.id()));

        if (memberships.membershipsOf(username).isEmpty() && !operator) {
            throw new NoWorkspaceAccessException("You signed in as '" + username
                    + "', but none of your directory groups is mapped to a Foresight workspace. "
                    + "Ask a workspace admin to map one of your groups.");
        }
        people.signedIn(person.id());
        return new ForesightUser(username, displayName, operator);
    }

    /** Memberships that a sign-in granted, changed or took away, on the record of each workspace concerned. */
    private void auditChanges(String username, Map<Long, WorkspaceRole> before, Map<Long, WorkspaceRole> after) {
        var workspaces = new java.util.TreeSet<Long>(before.keySet());
        workspaces.addAll(after.keySet());
        for (var workspaceId : workspaces) {
            var from = before.get(workspaceId);
            var to = after.get(workspaceId);
            if (from != to) {
                audit.record(AuditRecord.of(workspaceId, username, "member.directory-sync")
                        .entity("person", username)
                        .details(Map.of(
                                "from", from == null ? "none" : from.name(), "to", to == null ? "none" : to.name())));
            }
        }
    }

    /** A valid directory account that no workspace admits. */
    static final class NoWorkspaceAccessException extends AuthenticationException {
        NoWorkspaceAccessException(String message) {
            super(message);
        }
    }
}
