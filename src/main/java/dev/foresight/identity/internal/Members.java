package dev.foresight.identity.internal;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.identity.internal.MembershipStore.GroupMapping;
import dev.foresight.identity.internal.MembershipStore.Member;
import dev.foresight.identity.internal.MembershipStore.Source;
import dev.foresight.identity.internal.Person.PersonSource;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a workspace admin does with people: roles, local accounts and directory group mappings. */
@Service
public class Members {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,100}");
    private static final Pattern GROUP = Pattern.compile("[^\\p{Cntrl}]{1,200}");

    private final MembershipStore memberships;
    private final PersonStore people;
    private final PasswordEncoder passwords;
    private final RoleCache roleCache;
    private final AuditLog audit;
    private final DirectoryNames directoryNames;

    Members(
            MembershipStore memberships,
            PersonStore people,
            PasswordEncoder passwords,
            RoleCache roleCache,
            AuditLog audit,
            DirectoryNames directoryNames) {
        this.directoryNames = directoryNames;
        this.memberships = memberships;
        this.people = people;
        this.passwords = passwords;
        this.roleCache = roleCache;
        this.audit = audit;
    }

    public List<Member> list(CurrentWorkspace workspace) {
        return memberships.members(workspace.id());
    }

    public List<GroupMapping> mappings(CurrentWorkspace workspace) {
        return memberships.mappings(workspace.id());
    }

    /** Adds an existing person, or changes their role. A role set here overrides their directory groups. */
    @Transactional
    public void setRole(CurrentWorkspace workspace, String username, WorkspaceRole role) {
        var person = people.findByUsername(username)
                .orElseThrow(() -> new ResourceNotFoundException("Person '" + username + "'"));
        var before = memberships.roleOf(workspace.id(), username);
        if (before.orElse(null) == WorkspaceRole.ADMIN && role != WorkspaceRole.ADMIN) {
            guardLastAdmin(workspace);
        }
        memberships.put(workspace.id(), person.id(), role, Source.MANUAL);
        roleCache.evict(workspace.id(), username);
        audit.record(AuditRecord.of(
                        workspace.id(), workspace.actor(), before.isPresent() ? "member.role-changed" : "member.added")
                .entity("person", username)
                .details(Map.of("from", before.map(Enum::name).orElse("none"), "to", role)));
    }

    @Transactional
    public void remove(CurrentWorkspace workspace, String username) {
        var person = people.findByUsername(username)
                .orElseThrow(() -> new ResourceNotFoundException("Person '" + username + "'"));
        var before = memberships
                .roleOf(workspace.id(), username)
                .orElseThrow(() -> new ResourceNotFoundException("Member '" + username + "'"));
        if (before == WorkspaceRole.ADMIN) {
            guardLastAdmin(workspace);
        }
        memberships.remove(workspace.id(), person.id());
        roleCache.evict(workspace.id(), username);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "member.removed")
                .entity("person", username)
                .details(Map.of("role", before)));
    }

    /** Creates a local account (for installations without a directory) and makes it a member. */
    @Transactional
    public void createLocalAccount(
            CurrentWorkspace workspace,
            String username,
            @Nullable String displayName,
            @Nullable String email,
            String password,
            WorkspaceRole role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidRequestException("A username has 2 to 100 letters, digits or the characters . _ @ -");
        }
        checkPassword(password);
        if (people.findByUsername(username).isPresent()) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, "The username '" + username + "' is taken.");
        }
        boolean inDirectory;
        try {
            inDirectory = directoryNames.exists(username);
        } catch (RuntimeException unreachable) {
            throw new InvalidRequestException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The directory cannot be reached to check that '" + username + "' is free; try again later.");
        }
        if (inDirectory) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT,
                    "'" + username
                            + "' is a person in the directory; add them as a member instead of a local account.");
        }
        var name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        var person = people.insert(
                username, name, blankToNull(email), PersonSource.LOCAL, passwords.encode(password), false);
        memberships.put(workspace.id(), person.id(), role, Source.MANUAL);
        roleCache.evict(workspace.id(), username);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "local-account.created")
                .entity("person", username)
                .details(Map.of("role", role)));
    }

    @Transactional
    public void resetPassword(CurrentWorkspace workspace, String username, String password) {
        var person = localMember(workspace, username);
        checkPassword(password);
        people.updatePassword(person.id(), passwords.encode(password));
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "local-account.password-reset")
                .entity("person", username));
    }

    @Transactional
    public void mapGroup(CurrentWorkspace workspace, String group, WorkspaceRole role) {
        if (group == null || !GROUP.matcher(group.strip()).matches()) {
            throw new InvalidRequestException("A directory group name has 1 to 200 printable characters.");
        }
        memberships.putMapping(workspace.id(), group.strip(), role);
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "directory-mapping.saved")
                .entity("directory-group", group.strip())
                .details(Map.of("role", role)));
    }

    @Transactional
    public void unmapGroup(CurrentWorkspace workspace, long mappingId) {
        if (!memberships.removeMapping(workspace.id(), mappingId)) {
            throw new ResourceNotFoundException("Directory mapping " + mappingId);
        }
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), "directory-mapping.removed")
                .entity("directory-mapping", mappingId));
    }

    private Person localMember(CurrentWorkspace workspace, String username) {
        var person = people.findByUsername(username)
                .filter(p -> memberships.roleOf(workspace.id(), p.username()).isPresent())
                .orElseThrow(() -> new ResourceNotFoundException("Member '" + username + "'"));
        if (person.source() != PersonSource.LOCAL) {
            throw new InvalidRequestException(
                    "'" + username + "' signs in through the directory; change the password there.");
        }
        return person;
    }

    private void guardLastAdmin(CurrentWorkspace workspace) {
        if (memberships.countAdmins(workspace.id()) <= 1) {
            throw new InvalidRequestException(
                    HttpStatus.CONFLICT, "A workspace keeps at least one admin; make someone else admin first.");
        }
    }

    private static void checkPassword(@Nullable String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            throw new InvalidRequestException(
                    "A password has at least " + MIN_PASSWORD_LENGTH + " characters (and at most 200).");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
