package dev.foresight.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What operators rely on: probes, metrics, the API description, and log lines that name requests and hide secrets. */
@ForesightTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsTests {

    private static final List<String> VERBOSE = List.of("org.springframework.web", "org.springframework.security");

    @Autowired
    Workspaces workspaces;

    @Autowired
    LoggingSystem logging;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
    }

    @Test
    void livenessAndReadinessAreUp() {
        for (var probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            var response = api.get(probe, null);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().get("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void prometheusHasRequestTimingsAndSignInCounts() {
        api.post("/api/v1/auth/token", null, Api.json(Map.of("username", "viewer", "password", "viewer")));
        api.get("/api/v1/me", api.tokenFor("viewer"));

        var metrics = api.get("/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/me\"[^}]*} [1-9]")
                .containsPattern("(?m)^foresight_sign_ins_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]");
    }

    @Test
    void theApiDescriptionListsTheRoutesWithoutTheResolvedWorkspace() {
        var response = api.get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        var docs = response.json();
        var paths = docs.get("paths");

        assertThat(paths.propertyNames())
                .contains("/api/v1/auth/token", "/api/v1/workspaces/{slug}/executions", "/api/v1/me");
        assertThat(paths.get("/api/v1/auth/token").has("post")).isTrue();
        assertThat(response.body()).doesNotContain("CurrentWorkspace");
        var listing = paths.get("/api/v1/workspaces/{slug}/executions").get("get");
        assertThat(names(listing)).containsExactlyInAnyOrder("slug", "status", "type", "limit");
        assertThat(docs.path("components").path("securitySchemes").has("bearer"))
                .isTrue();
    }

    @Test
    void everyPathTemplateIsADeclaredPathParameter() {
        var paths = api.get("/v3/api-docs", null).json().get("paths");
        var template = Pattern.compile("\\{([^}]+)}");
        int checked = 0;
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                var declared = new ArrayList<String>();
                for (var parameter : operation.getValue().path("parameters").values()) {
                    if (parameter.path("in").asString("").equals("path")) {
                        assertThat(parameter.path("required").asBoolean(false)).isTrue();
                        declared.add(parameter.get("name").asString());
                    }
                }
                var variables = template.matcher(path.getKey());
                while (variables.find()) {
                    assertThat(declared)
                            .as("%s %s", operation.getKey(), path.getKey())
                            .contains(variables.group(1));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void logLinesNameTheRequestAndHideSecrets(CapturedOutput output) {
        var requestId = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        var refresh = "fsr_" + UUID.randomUUID().toString().replace("-", "");
        var missing = "/api/v1/ops-missing-" + UUID.randomUUID().toString().substring(0, 8);
        String missingId;
        VERBOSE.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
        try {
            var signIn = api.send(api.request("/api/v1/auth/token", null)
                    .header("X-Request-Id", requestId)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.json(
                            Map.of("username", "someone@example.com", "password", "wrong horse battery staple"))))
                    .build());
            assertThat(signIn.status()).isEqualTo(401);
            api.post("/api/v1/auth/refresh", null, Api.json(Map.of("refresh_token", refresh)));
            api.get(
                    "/api/v1/workspaces/claims?api_key=k-" + requestId + "&contact=jane.roe@example.org",
                    api.tokenFor("admin"));
            missingId = api.get(missing, api.tokenFor("admin")).header("X-Request-Id");
        } finally {
            VERBOSE.forEach(logger -> logging.setLogLevel(logger, null));
        }

        var lines = output.getOut().lines().toList();
        var body = lines.stream()
                .filter(line -> line.contains("[" + requestId + "]") && line.contains("Credentials["))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the request body was not logged under its request id"));
        assertThat(body).contains("username=****@****, password=****");
        assertThat(output.getOut())
                .doesNotContain("someone@example.com")
                .doesNotContain("horse")
                .doesNotContain("battery")
                .doesNotContain(refresh.substring(4))
                .doesNotContain("k-" + requestId)
                .doesNotContain("jane.roe@example.org");
        assertThat(lines)
                .as("the query string was logged, masked")
                .anyMatch(line -> line.contains("api_key=****&contact=****@****"));
        var original = lines.stream()
                .filter(line -> line.contains("GET \"" + missing))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the missing path was not logged"));
        assertThat(original)
                .as("the id the caller was given finds the failed request's own log lines")
                .contains("[" + missingId + "]");
    }

    private static List<String> names(JsonNode operation) {
        var names = new ArrayList<String>();
        operation
                .path("parameters")
                .values()
                .forEach(parameter -> names.add(parameter.get("name").asString()));
        return names;
    }
}
