package dev.foresight.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.foresight.identity.ForesightUser;
import dev.foresight.support.ApiTest;
import dev.foresight.support.ForesightTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules form saves through the page's {@code PUT /w/{slug}/datasets/{id}/rules} with the session: what the server
 * refuses comes back as a problem detail whose message the form shows, and the rules in force stay as they were.
 */
@ForesightTest
class DatasetRulesWebTests extends ApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    String datasetId;

    @BeforeEach
    void demoClaims() {
        datasetId = api.get("/api/v1/workspaces/claims/datasets", manager)
                .json()
                .valueStream()
                .filter(dataset -> dataset.get("name").asString().equals("Claims"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
    }

    @Test
    void aRangeWithoutBoundsIsRefusedWithTheRuleNamedAndNothingChanges() throws Exception {
        var before = rules();

        var problem = put("[{\"type\":\"required\",\"column\":\"payer\",\"action\":\"reject\"},"
                + "{\"type\":\"range\",\"column\":\"paid_amount\",\"action\":\"warn\"}]");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.body().get("detail").asString()).isEqualTo("Rule 2 (range): needs a min, a max or both");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void aColumnTheSchemaLacksAndAnUnknownTypeAreExplained() throws Exception {
        var missing =
                put("[{\"type\":\"max-length\",\"column\":\"no_such_column\",\"maxLength\":3,\"action\":\"warn\"}]");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("detail").asString())
                .isEqualTo("Rule 1 (max-length): there is no column 'no_such_column'");

        var unknown = put("[{\"type\":\"sometimes\",\"column\":\"payer\",\"action\":\"warn\"}]");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("detail").asString()).contains("each needs a known type and action");
    }

    record Answer(int status, String contentType, JsonNode body) {}

    private Answer put(String body) throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.put("/w/claims/datasets/" + datasetId + "/rules")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                                new ForesightUser("manager", "Mona Manager", false),
                                null,
                                List.of(new SimpleGrantedAuthority("ROLE_USER")))))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        return new Answer(
                response.getStatus(),
                String.valueOf(response.getContentType()),
                json.readTree(response.getContentAsString()));
    }

    private JsonNode rules() {
        return api.get("/api/v1/workspaces/claims/datasets/" + datasetId + "/rules", manager)
                .json();
    }
}
