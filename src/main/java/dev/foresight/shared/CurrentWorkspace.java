package dev.foresight.shared;

import org.jspecify.annotations.Nullable;

/**
 * The workspace a scoped request addresses, resolved once by the access check before any controller runs.
 *
 * @param role the caller's role; {@code null} when the caller is a workspace API token
 * @param actor who acts: a username, or {@code token:<id>} for an API token
 */
public record CurrentWorkspace(long id, String slug, String name, @Nullable WorkspaceRole role, String actor) {

    public boolean isMachine() {
        return role == null;
    }

    public boolean can(WorkspaceRole required) {
        return role != null && role.covers(required);
    }
}
