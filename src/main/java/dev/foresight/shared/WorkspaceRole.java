package dev.foresight.shared;

/** A member's role in one workspace, weakest first: each role may do all that the ones before it may. */
public enum WorkspaceRole {
    VIEWER,
    MANAGER,
    ADMIN;

    public boolean covers(WorkspaceRole required) {
        return compareTo(required) >= 0;
    }
}
