package dev.foresight.platform;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.TestWork;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What strangers send: broken, huge, mistyped and hostile requests get a problem detail and never a 500. */
@ForesightTest
class BadInputTests {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    Workspaces workspaces;

    @Autowired
    TestWork testWork;

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
    void malformedJsonIsABadRequest() {
        var response =
                api.send("POST", "/api/v1/workspaces/claims/api-tokens", admin, "application/json", "{\"name\":");

        assertProblem(response, 400);
        assertServing();
    }

    @Test
    void malformedJsonOnTheSignInIsABadRequest() {
        assertProblem(api.send("POST", "/api/v1/auth/token", null, "application/json", "{\"username\": ["), 400);
    }

    @Test
    void aBodyAboveOneMegabyteIsRefused() {
        var big = Api.json(Map.of("name", "x".repeat(1_100_000)));

        var problem = assertProblem(api.post("/api/v1/workspaces/claims/api-tokens", admin, big), 413);

        assertThat(problem.get("detail").asString()).contains("larger than");
        assertServing();
    }

    @Test
    void aBodyAboveOneMegabyteIsRefusedWhenSentWithoutALength() {
        var big = Api.json(Map.of("name", "x".repeat(1_100_000))).getBytes(StandardCharsets.UTF_8);
        var chunked = api.request("/api/v1/workspaces/claims/api-tokens", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        assertProblem(api.send(chunked), 413);
        assertServing();
    }

    @Test
    void aSmallBodySentWithoutALengthStillWorks() {
        var small = Api.json(Map.of("name", "chunked-" + UUID.randomUUID())).getBytes(StandardCharsets.UTF_8);
        var chunked = api.request("/api/v1/workspaces/claims/api-tokens", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                .build();

        var response = api.send(chunked);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("token").asString()).startsWith("fst_");
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        var problem = assertProblem(api.send("DELETE", "/api/v1/workspaces/claims/audit/verify", admin, null, ""), 405);

        assertThat(problem.get("detail").asString()).contains("DELETE");
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        var response = api.send(
                "POST",
                "/api/v1/auth/token",
                null,
                "text/plain",
                Api.json(Map.of("username", "admin", "password", "admin")));

        assertProblem(response, 415);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void anUnknownApiPathIsNotFound() {
        assertProblem(api.get("/api/v1/no-such-thing", admin), 404);
        assertProblem(api.get("/api/v2/workspaces", admin), 404);
    }

    @Test
    void oddSlugsThatReachTheApplicationAreNotFoundOrBadRequests() {
        var claims = workspaces.findBySlug("claims").orElseThrow().name();
        for (var slug : new String[] {"CLAIMS", "a".repeat(60), "%2e%2e", "claims%20", "cl%C3%A4ims", "-claims-"}) {
            var response = api.get("/api/v1/workspaces/" + slug + "/executions", admin);

            assertThat(response.status()).as(slug).isIn(400, 404);
            assertProblem(response, response.status());
            assertThat(response.body()).as(slug).doesNotContain(claims);
            assertServing();
        }
    }

    /**
     * An encoded slash or NUL is refused by Tomcat's connector before any application code runs (and so before a
     * request id exists): a bare 400, which must not be a 500, leak anything or stop the server.
     */
    @Test
    void slugsTheConnectorRefusesAreBadRequestsAndTheServerKeepsServing() {
        for (var slug : new String[] {"..%2F..%2Fetc", "claims%00", "claims%2F..%2Fhospital"}) {
            var response = api.get("/api/v1/workspaces/" + slug + "/executions", admin);

            assertThat(response.status()).as(slug).isEqualTo(400);
            assertThat(response.body())
                    .as(slug)
                    .doesNotContain("Exception")
                    .doesNotContain("etc")
                    .doesNotContain("Tomcat/");
            assertServing();
        }
    }

    @Test
    void anotherWorkspacesExecutionIsNotFound() {
        var hospital = testWork.start("hospital", "manager", 1, 10, 0);

        assertThat(api.get("/api/v1/workspaces/hospital/executions/" + hospital, admin)
                        .status())
                .isEqualTo(200);
        var problem = assertProblem(api.get("/api/v1/workspaces/claims/executions/" + hospital, admin), 404);
        assertThat(problem.get("detail").asString()).doesNotContain("hospital");
        assertProblem(
                api.send("POST", "/api/v1/workspaces/claims/executions/" + hospital + "/cancel", admin, null, ""), 404);
    }

    @Test
    void aMalformedExecutionIdIsABadRequest() {
        assertProblem(api.get("/api/v1/workspaces/claims/executions/not-a-uuid", admin), 400);
    }

    @Test
    void aSaneRequestIdIsEchoed() {
        var given = "trace-" + UUID.randomUUID().toString().substring(0, 8) + "_A.1";

        var ok = api.send(api.request("/api/v1/me", admin)
                .header("X-Request-Id", given)
                .GET()
                .build());
        var notFound = api.send(api.request("/api/v1/no-such-thing", admin)
                .header("X-Request-Id", given)
                .GET()
                .build());

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-Request-Id")).isEqualTo(given);
        assertThat(assertProblem(notFound, 404).get("requestId").asString()).isEqualTo(given);
    }

    @Test
    void anInsaneRequestIdIsReplaced() {
        for (var insane : new String[] {
            "x".repeat(200), "has spaces in it", "abc%0d%0aSet-Cookie:x=1", "<script>alert(1)</script>", "id;drop", ""
        }) {
            var response = api.send(api.request("/api/v1/no-such-thing", admin)
                    .header("X-Request-Id", insane)
                    .GET()
                    .build());

            var id = response.header("X-Request-Id");
            assertThat(id).as(insane).matches(UUID_PATTERN).isNotEqualTo(insane);
            assertThat(assertProblem(response, 404).get("requestId").asString()).isEqualTo(id);
        }
    }

    @Test
    void withoutARequestIdEachRequestGetsItsOwn() {
        var first = api.get("/api/v1/me", admin);
        var second = api.get("/api/v1/me", admin);
        var failed = api.get("/api/v1/me", "garbage");

        assertThat(first.header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(second.header("X-Request-Id")).matches(UUID_PATTERN).isNotEqualTo(first.header("X-Request-Id"));
        assertThat(assertProblem(failed, 401).get("requestId").asString()).matches(UUID_PATTERN);
    }

    @Test
    void everyKindOfErrorCarriesItsRequestId() {
        var responses = new Api.Response[] {
            api.get("/api/v1/me", null),
            api.get("/api/v1/workspaces/claims/members", api.tokenFor("viewer")),
            api.get("/api/v1/workspaces/claims/members", api.tokenFor("outsider")),
            api.get("/api/v1/no-such-thing", admin),
            api.send("PATCH", "/api/v1/me", admin, "application/json", "{}"),
            api.send(
                    "POST", "/api/v1/workspaces", admin, "application/json", "{\"slug\":\"Not Valid\",\"name\":\"x\"}"),
            api.send("POST", "/api/v1/workspaces", admin, "application/json", "[1,2"),
            api.send("POST", "/api/v1/workspaces", admin, "text/csv", "slug,name"),
        };
        var statuses = new int[] {401, 403, 404, 404, 405, 400, 400, 415};
        for (int i = 0; i < responses.length; i++) {
            assertProblem(responses[i], statuses[i]);
        }
    }

    private void assertServing() {
        var response = api.get("/api/v1/workspaces/claims", admin);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("slug").asString()).isEqualTo("claims");
    }
}
