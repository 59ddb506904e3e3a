package dev.foresight.identity;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.TestWork;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Workspace API tokens: shown once, stored hashed, confined to their workspace's machine routes, revocable. */
@ForesightTest
class ApiTokenTests {

    @Autowired
    Workspaces workspaces;

    @Autowired
    TestWork testWork;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        admin = api.tokenFor("admin");
    }

    @Test
    void aTokenLivesInItsWorkspaceOnMachineRoutesUntilRevoked() throws Exception {
        var name = "ci-" + UUID.randomUUID();
        var created = api.post("/api/v1/workspaces/claims/api-tokens", admin, Api.json(Map.of("name", name)));

        assertThat(created.status()).isEqualTo(201);
        var body = created.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "token");
        var id = body.get("id").asString();
        var token = body.get("token").asString();
        assertThat(token).startsWith("fst_").hasSizeGreaterThan(40);

        // Listed by name and prefix, never with its secret.
        var list = api.get("/api/v1/workspaces/claims/api-tokens", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id).contains(name).doesNotContain(token);
        var listed = find(list.json(), id);
        assertThat(listed.get("prefix").asString()).isEqualTo(token.substring(0, 10));
        assertThat(listed.get("createdBy").asString()).isEqualTo("admin");
        assertThat(empty(listed, "revokedAt")).isTrue();

        // It polls an execution of its own workspace.
        var execution = testWork.start("claims", "manager", 1, 10, 0);
        var polled = api.get("/api/v1/workspaces/claims/executions/" + execution, token);
        assertThat(polled.status()).isEqualTo(200);
        assertThat(polled.json().get("id").asString()).isEqualTo(execution.toString());
        assertThat(empty(
                        find(
                                api.get("/api/v1/workspaces/claims/api-tokens", admin)
                                        .json(),
                                id),
                        "lastUsedAt"))
                .isFalse();

        // Nothing but machine routes, and nothing outside its workspace.
        var listing = assertProblem(api.get("/api/v1/workspaces/claims/executions", token), 403);
        assertThat(listing.get("detail").asString()).contains("machine endpoints");
        assertProblem(api.get("/api/v1/workspaces/claims/api-tokens", token), 403);
        var elsewhere = testWork.start("hospital", "manager", 1, 10, 0);
        assertProblem(api.get("/api/v1/workspaces/hospital/executions/" + elsewhere, token), 404);
        assertProblem(api.get("/api/v1/workspaces/hospital/executions/" + execution, token), 404);
        assertProblem(api.get("/api/v1/workspaces/claims/executions/" + elsewhere, token), 404);
        assertProblem(api.get("/api/v1/me", token), 401);

        // Revoked, it is refused at once.
        assertThat(api.delete("/api/v1/workspaces/claims/api-tokens/" + id, admin)
                        .status())
                .isEqualTo(204);
        assertProblem(api.get("/api/v1/workspaces/claims/executions/" + execution, token), 401);
        assertThat(empty(
                        find(
                                api.get("/api/v1/workspaces/claims/api-tokens", admin)
                                        .json(),
                                id),
                        "revokedAt"))
                .isFalse();
    }

    @Test
    void onlyTheSha256OfTheSecretIsStored() throws Exception {
        var created = api.post("/api/v1/workspaces/claims/api-tokens", admin, Api.json(Map.of("name", "hash check")))
                .json();
        var token = created.get("token").asString();

        var row = jdbc.sql("select * from api_tokens where id = ?")
                .param(UUID.fromString(created.get("id").asString()))
                .query((rs, n) -> {
                    var values = new ArrayList<String>();
                    for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                        values.add(String.valueOf(rs.getObject(column)));
                    }
                    return Map.entry(rs.getString("token_hash"), values);
                })
                .single();

        var hash = row.getKey();
        assertThat(hash).matches("[0-9a-f]{64}").isNotEqualTo(token);
        var expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(hash).isEqualTo(expected);
        assertThat(row.getValue()).noneMatch(value -> value.contains(token.substring(10)));
    }

    @Test
    void creatingAndRevokingAreAuditedInTheWorkspace() {
        var created = api.post("/api/v1/workspaces/claims/api-tokens", admin, Api.json(Map.of("name", "audited")))
                .json();
        var id = created.get("id").asString();
        api.delete("/api/v1/workspaces/claims/api-tokens/" + id, admin);

        var creations = api.get("/api/v1/workspaces/claims/audit?action=api-token.created", admin);
        assertThat(creations.status()).isEqualTo(200);
        var creation = findEvent(creations.json(), id);
        assertThat(creation.get("actor").asString()).isEqualTo("admin");
        assertThat(creation.get("entityType").asString()).isEqualTo("api-token");
        assertThat(creation.get("details").asString()).isEqualTo("name=audited");
        assertThat(creation.get("workspaceId").asLong())
                .isEqualTo(workspaces.findBySlug("claims").orElseThrow().id());
        assertThat(creations.body()).doesNotContain(created.get("token").asString());

        var revocation = findEvent(
                api.get("/api/v1/workspaces/claims/audit?action=api-token.revoked", admin)
                        .json(),
                id);
        assertThat(revocation.get("actor").asString()).isEqualTo("admin");
        assertThat(revocation.get("seq").asLong())
                .isGreaterThan(creation.get("seq").asLong());
    }

    @Test
    void revokingAnotherWorkspacesTokenIsNotFound() {
        var created = api.post("/api/v1/workspaces/claims/api-tokens", admin, Api.json(Map.of("name", "mine")))
                .json();
        var id = created.get("id").asString();

        assertProblem(api.delete("/api/v1/workspaces/hospital/api-tokens/" + id, admin), 404);

        var token = created.get("token").asString();
        var execution = testWork.start("claims", "manager", 1, 10, 0);
        assertThat(api.get("/api/v1/workspaces/claims/executions/" + execution, token)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aNamelessTokenIsRefused() {
        assertProblem(api.post("/api/v1/workspaces/claims/api-tokens", admin, Api.json(Map.of("name", " "))), 400);
        assertProblem(
                api.post("/api/v1/workspaces/claims/api-tokens", admin, Api.json(Map.of("name", "x".repeat(121)))),
                400);
    }

    private static boolean empty(JsonNode node, String property) {
        return node.path(property).isNull() || node.path(property).isMissingNode();
    }

    private static JsonNode find(JsonNode tokens, String id) {
        for (var token : tokens.values()) {
            if (token.get("id").asString().equals(id)) {
                return token;
            }
        }
        throw new AssertionError("token " + id + " is not listed in " + tokens);
    }

    private static JsonNode findEvent(JsonNode events, String entityId) {
        for (var event : events.values()) {
            if (entityId.equals(event.path("entityId").asString(""))) {
                return event;
            }
        }
        throw new AssertionError("no audit event for " + entityId + " in " + events);
    }
}
