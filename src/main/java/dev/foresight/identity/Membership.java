package dev.foresight.identity;

import dev.foresight.shared.WorkspaceRole;

/** A workspace a person belongs to, with their role there. */
public record Membership(String slug, String name, WorkspaceRole role) {}
