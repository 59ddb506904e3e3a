package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.OnPostgres;
import dev.foresight.support.PostgresDatabase;
import dev.foresight.support.TestWork;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Migrations, the audit chain, executions and accounts on a fresh PostgreSQL database. */
@ForesightTest
@OnPostgres
class PostgresPersistenceTests {

    @BeforeAll
    static void postgres() {
        PostgresDatabase.assumeAvailable();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Workspaces workspaces;

    @Autowired
    AuditLog audit;

    @Autowired
    TestWork testWork;

    @LocalServerPort
    int port;

    @BeforeEach
    void seeded() {
        DemoData.awaitSeeded(workspaces);
    }

    @Test
    void runsOnPostgresWithEveryMigrationApplied() {
        var product = jdbc.sql("select version()").query(String.class).single();
        assertThat(product).startsWith("PostgreSQL");
        var failed = jdbc.sql("select count(*) from flyway_schema_history where success = false")
                .query(Long.class)
                .single();
        var applied = jdbc.sql("select script from flyway_schema_history where success = true")
                .query(String.class)
                .list();
        assertThat(failed).isZero();
        assertThat(applied)
                .anyMatch(script -> script.contains("workspaces_and_people"))
                .anyMatch(script -> script.contains("audit_events"))
                .anyMatch(script -> script.contains("executions"))
                .anyMatch(script -> script.contains("notifications"));
    }

    @Test
    void auditChainAppendsAndVerifiesOnPostgres() {
        var workspace = workspaces.findBySlug("hospital").orElseThrow();
        var before = audit.verify(workspace.id()).events();
        for (int i = 0; i < 5; i++) {
            audit.record(AuditRecord.of(workspace.id(), "tester", "test.event")
                    .entity("thing", i)
                    .details(Map.of("n", i)));
        }
        var verification = audit.verify(workspace.id());
        assertThat(verification.intact()).isTrue();
        assertThat(verification.events()).isEqualTo(before + 5);
    }

    @Test
    void executionsRunAndPersistOnPostgres() {
        var id = testWork.start("workforce", "manager", 3, 50, 0);
        var api = new Api(port);
        var token = api.tokenFor("manager");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var execution = api.get("/api/v1/workspaces/workforce/executions/" + id, token)
                    .json();
            assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(execution.get("progress").asInt()).isEqualTo(100);
        });
    }

    @Test
    void localAccountsAndTokensWorkOnPostgres() {
        var api = new Api(port);
        var admin = api.tokenFor("admin");
        var created = api.post(
                "/api/v1/workspaces/workforce/local-accounts",
                admin,
                Api.json(Map.of(
                        "username", "pg-planner",
                        "displayName", "PG Planner",
                        "password", "a long enough password",
                        "role", "MANAGER")));
        assertThat(created.status()).isEqualTo(201);
        var signIn = api.post(
                "/api/v1/auth/token",
                null,
                Api.json(Map.of("username", "pg-planner", "password", "a long enough password")));
        assertThat(signIn.status()).isEqualTo(200);
        var me = api.get("/api/v1/me", signIn.json().get("access_token").asString())
                .json();
        assertThat(me.get("workspaces").get(0).get("slug").asString()).isEqualTo("workforce");
        assertThat(me.get("workspaces").get(0).get("role").asString()).isEqualTo("MANAGER");
    }
}
