package dev.foresight.identity;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Local accounts made by a workspace admin: Argon2id hashes, their roles, and the admin a workspace keeps. */
@ForesightTest
class LocalAccountTests {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    Workspaces workspaces;

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
    void aLocalAccountSignsInAndSeesItsWorkspaceWithItsRole() {
        var username = unique("local");

        var created = createLocal("claims", username, "Lou Local", PASSWORD, "MANAGER");
        assertThat(created.status()).isEqualTo(201);

        var signIn = signIn(username, PASSWORD);
        assertThat(signIn.status()).isEqualTo(200);
        var token = signIn.json().get("access_token").asString();
        var me = api.get("/api/v1/me", token).json();
        assertThat(me.get("username").asString()).isEqualTo(username);
        assertThat(me.get("displayName").asString()).isEqualTo("Lou Local");
        assertThat(me.get("workspaces").size()).isEqualTo(1);
        assertThat(me.get("workspaces").get(0).get("slug").asString()).isEqualTo("claims");
        assertThat(me.get("workspaces").get(0).get("role").asString()).isEqualTo("MANAGER");
        assertThat(api.get("/api/v1/workspaces/claims", token)
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("MANAGER");
        assertProblem(api.get("/api/v1/workspaces/hospital", token), 404);

        assertProblem(signIn(username, PASSWORD + "!"), 401);
        var audit = api.get("/api/v1/workspaces/claims/audit?action=local-account.created", admin);
        assertThat(audit.body()).contains("\"entityId\":\"" + username + "\"");
    }

    @Test
    void thePasswordIsKeptAsAnArgon2idHashOfAtLeastOwaspStrength() {
        var username = unique("hashed");
        assertThat(createLocal("claims", username, null, PASSWORD, "VIEWER").status())
                .isEqualTo(201);

        var hash = jdbc.sql("select password_hash from users where username = ?")
                .param(username)
                .query(String.class)
                .single();

        assertThat(hash).startsWith("$argon2id$").doesNotContain(PASSWORD);
        var parameters = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$[^$]+\\$[^$]+$")
                .matcher(hash);
        assertThat(parameters.matches()).as(hash).isTrue();
        assertThat(Integer.parseInt(parameters.group(1))).as("memory KiB").isGreaterThanOrEqualTo(19_456);
        assertThat(Integer.parseInt(parameters.group(2))).as("iterations").isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(parameters.group(3))).as("parallelism").isGreaterThanOrEqualTo(1);

        var other = unique("hashed");
        createLocal("claims", other, null, PASSWORD, "VIEWER");
        var otherHash = jdbc.sql("select password_hash from users where username = ?")
                .param(other)
                .query(String.class)
                .single();
        assertThat(otherHash).as("salted").isNotEqualTo(hash);
    }

    @Test
    void aShortPasswordIsRefused() {
        var username = unique("short");

        var problem = assertProblem(createLocal("claims", username, null, "eleven-char", "VIEWER"), 400);

        assertThat(problem.get("detail").asString()).contains("12");
        assertThat(count(username)).isZero();
    }

    @Test
    void aTakenUsernameIsAConflict() {
        var username = unique("twice");
        assertThat(createLocal("claims", username, null, PASSWORD, "VIEWER").status())
                .isEqualTo(201);

        assertProblem(createLocal("hospital", username, null, PASSWORD + " two", "ADMIN"), 409);
        // A directory person who has signed in holds their name too.
        assertProblem(createLocal("claims", "admin", null, PASSWORD, "ADMIN"), 409);

        assertThat(count(username)).isEqualTo(1);
        assertProblem(signIn(username, PASSWORD + " two"), 401);
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequestAndIsAudited() {
        var username = unique("promoted");
        createLocal("claims", username, null, PASSWORD, "VIEWER");
        var token = signIn(username, PASSWORD).json().get("access_token").asString();
        // These requests put the VIEWER role in the role cache.
        assertThat(api.get("/api/v1/workspaces/claims", token)
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("VIEWER");
        assertProblem(api.get("/api/v1/workspaces/claims/members", token), 403);

        var promoted =
                api.put("/api/v1/workspaces/claims/members/" + username, admin, Api.json(Map.of("role", "ADMIN")));
        assertThat(promoted.status()).isEqualTo(204);

        assertThat(api.get("/api/v1/workspaces/claims", token)
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("ADMIN");
        assertThat(api.get("/api/v1/workspaces/claims/members", token).status()).isEqualTo(200);

        assertThat(api.put("/api/v1/workspaces/claims/members/" + username, admin, Api.json(Map.of("role", "VIEWER")))
                        .status())
                .isEqualTo(204);
        assertProblem(api.get("/api/v1/workspaces/claims/members", token), 403);

        var changes = api.get("/api/v1/workspaces/claims/audit?action=member.role-changed", admin)
                .json();
        var details = new HashMap<String, String>();
        for (var event : changes.values()) {
            if (username.equals(event.path("entityId").asString(""))) {
                assertThat(event.get("actor").asString()).isEqualTo("admin");
                details.put(
                        event.get("details").asString(), event.get("requestId").asString());
            }
        }
        assertThat(details.keySet()).containsExactlyInAnyOrder("from=VIEWER; to=ADMIN", "from=ADMIN; to=VIEWER");
        assertThat(details.get("from=VIEWER; to=ADMIN")).isEqualTo(promoted.header("X-Request-Id"));
    }

    @Test
    void removingAMemberTakesEffectAtOnce() {
        var username = unique("removed");
        createLocal("claims", username, null, PASSWORD, "VIEWER");
        var token = signIn(username, PASSWORD).json().get("access_token").asString();
        assertThat(api.get("/api/v1/workspaces/claims", token).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/workspaces/claims/members/" + username, admin)
                        .status())
                .isEqualTo(204);

        assertProblem(api.get("/api/v1/workspaces/claims", token), 404);
    }

    @Test
    void theLastAdminOfAWorkspaceStays() {
        var slug = unique("solo").toLowerCase();
        var created = api.post("/api/v1/workspaces", admin, Api.json(Map.of("slug", slug, "name", "Solo " + slug)));
        assertThat(created.status()).isEqualTo(201);
        var members = "/api/v1/workspaces/" + slug + "/members/";

        var removal = assertProblem(api.delete(members + "admin", admin), 409);
        assertThat(removal.get("detail").asString()).contains("at least one admin");
        assertProblem(api.put(members + "admin", admin, Api.json(Map.of("role", "MANAGER"))), 409);
        assertThat(api.get("/api/v1/workspaces/" + slug, admin)
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("ADMIN");

        // With a second admin, the first may step down; then the second is the last.
        var second = unique("second");
        assertThat(createLocal(slug, second, null, PASSWORD, "ADMIN").status()).isEqualTo(201);
        assertThat(api.put(members + "admin", admin, Api.json(Map.of("role", "MANAGER")))
                        .status())
                .isEqualTo(204);
        var secondToken = signIn(second, PASSWORD).json().get("access_token").asString();
        assertProblem(api.delete(members + second, secondToken), 409);
        assertProblem(api.put(members + second, secondToken, Api.json(Map.of("role", "VIEWER"))), 409);
        assertThat(api.get("/api/v1/workspaces/" + slug, secondToken)
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("ADMIN");
    }

    @Test
    void aDirectoryPersonsNameCannotBeTakenByALocalAccount() {
        // 'nobody' is in the demo directory and has never signed in, so Foresight has no row for them yet.
        var squat = createLocal("claims", "nobody", "Not Nobody", PASSWORD, "VIEWER");
        assertThat(squat.status()).isEqualTo(409);
        assertThat(squat.json().get("detail").asString()).contains("is a person in the directory");
        assertThat(count("nobody")).isZero();
    }

    private Api.Response createLocal(String slug, String username, String displayName, String password, String role) {
        var body = new HashMap<String, Object>();
        body.put("username", username);
        body.put("displayName", displayName);
        body.put("email", username + "@example.com");
        body.put("password", password);
        body.put("role", role);
        return api.post("/api/v1/workspaces/" + slug + "/local-accounts", admin, Api.json(body));
    }

    private Api.Response signIn(String username, String password) {
        return api.post("/api/v1/auth/token", null, Api.json(Map.of("username", username, "password", password)));
    }

    private long count(String username) {
        return jdbc.sql("select count(*) from users where username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
