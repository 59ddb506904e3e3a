package dev.foresight.identity;

import dev.foresight.support.OnPostgres;
import dev.foresight.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The workspace isolation walk, on PostgreSQL. */
@OnPostgres
class PostgresWorkspaceRouteAccessTests extends WorkspaceRouteAccessTests {

    @BeforeAll
    static void postgres() {
        PostgresDatabase.assumeAvailable();
    }
}
