package dev.foresight.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Cache keys that always name their workspace ({@code ws:<id>:<method>:<args>}), so that one workspace can never read
 * another's cached value and a workspace's entries can be told apart in a shared Redis.
 */
public final class WorkspaceKeys {

    private WorkspaceKeys() {}

    public static String key(long workspaceId, String method, Object... rest) {
        var args = Arrays.stream(rest).map(String::valueOf).collect(Collectors.joining(":"));
        return "ws:" + workspaceId + ":" + method + (args.isEmpty() ? "" : ":" + args);
    }
}
