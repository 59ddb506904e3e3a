package dev.foresight.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every API error must look like: an RFC 9457 problem detail naming the request, and nothing internal. */
public final class Problems {

    private Problems() {}

    public static JsonNode assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/problem+json");
        var problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString("")).isNotBlank();
        assertThat(problem.path("detail").asString("")).isNotBlank();
        assertThat(problem.path("requestId").asString(""))
                .as("requestId in the body equals the X-Request-Id header")
                .isNotBlank()
                .isEqualTo(response.header("X-Request-Id"));
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("\"trace\"")
                .doesNotContain("stackTrace");
        return problem;
    }
}
