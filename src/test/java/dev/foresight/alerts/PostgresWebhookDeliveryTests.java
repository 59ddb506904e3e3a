package dev.foresight.alerts;

import dev.foresight.support.OnPostgres;
import dev.foresight.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;

/** Deliveries, retries, leases and dead letters on PostgreSQL. */
@OnPostgres
class PostgresWebhookDeliveryTests extends WebhookDeliveryTests {

    @BeforeAll
    static void postgres() {
        PostgresDatabase.assumeAvailable();
    }
}
