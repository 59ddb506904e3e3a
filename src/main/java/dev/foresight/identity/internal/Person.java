package dev.foresight.identity.internal;

import org.jspecify.annotations.Nullable;

/** A row of the users table. */
public record Person(
        long id,
        String username,
        String displayName,
        @Nullable String email,
        PersonSource source,
        @Nullable String passwordHash,
        boolean platformOperator,
        boolean enabled) {

    public enum PersonSource {
        DIRECTORY,
        LOCAL
    }
}
