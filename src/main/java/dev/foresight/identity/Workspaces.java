package dev.foresight.identity;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.identity.internal.MembershipStore;
import dev.foresight.identity.internal.MembershipStore.Source;
import dev.foresight.identity.internal.PersonStore;
import dev.foresight.identity.internal.WorkspaceStore;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.WorkspaceRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The facade for workspaces and who may do what in them. */
@Service
public class Workspaces {

    /** Role lookups happen on every scoped request; a short cache keeps them off the database. */
    public static final String ROLE_CACHE = "fast.workspace-roles";

    private final Map<String, Workspace> bySlug = new ConcurrentHashMap<>();

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    private final WorkspaceStore workspaces;
    private final MembershipStore memberships;
    private final PersonStore people;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Workspaces(
            WorkspaceStore workspaces,
            MembershipStore memberships,
            PersonStore people,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.people = people;
        this.audit = audit;
        this.events = events;
    }

    public static boolean isValidSlug(@Nullable String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    /**
     * Every workspace route asks this first. A workspace is never renamed or removed, so what was found once stays
     * true and is kept in this process (one entry per workspace); only found ones are, so a workspace created on
     * another node is seen at once.
     */
    public Optional<Workspace> findBySlug(String slug) {
        var known = bySlug.get(slug);
        if (known != null || !isValidSlug(slug)) {
            return Optional.ofNullable(known);
        }
        var found = workspaces.findBySlug(slug);
        found.ifPresent(workspace -> bySlug.put(slug, workspace));
        return found;
    }

    public List<Workspace> all() {
        return workspaces.all();
    }

    public List<Membership> membershipsOf(String username) {
        return memberships.membershipsOf(username);
    }

    /** The person's role in the workspace, or {@code null} when they are not a member. */
    @Cacheable(cacheNames = ROLE_CACHE, unless = "#result == null")
    public @Nullable WorkspaceRole roleOf(long workspaceId, String username) {
        return memberships.roleOf(workspaceId, username).orElse(null);
    }

    /** Creates a workspace and makes its creator its first admin. Only platform operators may. */
    @Transactional
    public Workspace create(String slug, String name, ForesightUser creator) {
        if (!creator.platformOperator()) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "Only platform operators may create workspaces.");
        }
        var workspace = createWorkspace(slug, name, creator.username());
        people.findByUsername(creator.username())
                .ifPresent(person -> memberships.put(workspace.id(), person.id(), WorkspaceRole.ADMIN, Source.MANUAL));
        return workspace;
    }

    /** Creates a workspace without members, for seeding; returns the existing one when the slug is taken. */
    @Transactional
    public Workspace ensure(String slug, String name, String actor) {
        return workspaces.findBySlug(slug).orElseGet(() -> createWorkspace(slug, name, actor));
    }

    private Workspace createWorkspace(String slug, String name, String actor) {
        if (!isValidSlug(slug)) {
            throw new InvalidRequestException(
                    "A workspace slug has 1 to 40 lowercase letters, digits or inner hyphens, like 'claims-east'.");
        }
        if (name.isBlank() || name.length() > 120) {
            throw new InvalidRequestException("A workspace name has 1 to 120 characters.");
        }
        try {
            var workspace = workspaces.insert(slug, name.strip());
            events.publishEvent(new WorkspaceCreated(workspace.id(), workspace.slug(), workspace.name()));
            audit.record(AuditRecord.of(workspace.id(), actor, "workspace.created")
                    .entity("workspace", slug)
                    .details(Map.of("name", workspace.name())));
            return workspace;
        } catch (DuplicateKeyException taken) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, "The slug '" + slug + "' is already taken.");
        }
    }
}
