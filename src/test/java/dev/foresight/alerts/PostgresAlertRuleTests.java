package dev.foresight.alerts;

import dev.foresight.support.OnPostgres;
import dev.foresight.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

/** Grouping and throttling on PostgreSQL. */
@OnPostgres
class PostgresAlertRuleTests extends AlertRuleTests {

    @BeforeAll
    static void postgres() {
        PostgresDatabase.assumeAvailable();
    }
}
