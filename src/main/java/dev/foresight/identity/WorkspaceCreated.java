package dev.foresight.identity;

/** A workspace came into being. Demo seeding of later modules listens, to give the demo workspaces their data. */
public record WorkspaceCreated(long workspaceId, String slug, String name) {}
