package dev.foresight.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The insights pages as a signed-in person sees them: cards with sentences, charts and pin buttons; the dataset page's
 * profile tab and the workspace home's feed, both loaded as HTMX fragments; the regenerate button for managers only.
 */
@ForesightTest
class InsightsPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
    }

    @Test
    void pagesShowTheInsightsProfileAndFeed() throws Exception {
        var manager = api.tokenFor("manager");
        api.tokenFor("viewer");
        var uploaded = api.post(
                "/api/v1/workspaces/insights/datasets",
                manager,
                Multipart.file("pages.csv", InsightsApiTests.planted()));
        var datasetId = uploaded.json().get("datasetId").asString();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/workspaces/insights/datasets/" + datasetId + "/insights", manager)
                                .json()
                                .size()
                        > 0);
        var viewer = as("viewer", "Vera Viewer");

        var page = get("/w/insights/datasets/" + datasetId + "/insights", viewer);
        assertThat(page)
                .contains("Amount rises by", "data-chart=", "data-pin", "data-widget=\"line\"", "/js/insights.js");
        assertThat(page).doesNotContain("Generate again");
        assertThat(get("/w/insights/datasets/" + datasetId + "/insights", as("manager", "Max Manager")))
                .contains("Generate again");

        assertThat(get("/w/insights/insights", viewer)).contains("pages", "Amount rises by", "dashboard-picker");

        var dataset = get("/w/insights/datasets/" + datasetId, viewer);
        assertThat(dataset).contains("hx-get=\"/w/insights/datasets/" + datasetId + "/profile?version=");
        var profile = get("/w/insights/datasets/" + datasetId + "/profile", viewer);
        assertThat(profile).contains("data-column=\"amount\"", "data-column=\"region\"", "North");

        assertThat(get("/w/insights", viewer)).contains("hx-get=\"/w/insights/insights/feed\"");
        assertThat(get("/w/insights/insights/feed", viewer)).contains("id=\"insight-feed\"", "All insights");
    }

    @Test
    void aManagerPinsAnInsightsQueryToADashboardFromThePage() throws Exception {
        var manager = as("manager", "Max Manager");
        var listed = mvc.perform(MockMvcRequestBuilders.get("/w/insights/dashboards")
                        .accept(MediaType.APPLICATION_JSON)
                        .with(manager))
                .andReturn()
                .getResponse();
        assertThat(listed.getStatus()).isEqualTo(200);
        assertThat(listed.getContentType()).startsWith("application/json");
        await().atMost(Duration.ofMinutes(2))
                .until(() -> api.get("/api/v1/workspaces/insights/dashboards", api.tokenFor("manager"))
                        .body()
                        .contains("Retail sales overview"));
        var dashboard = api.get("/api/v1/workspaces/insights/dashboards", api.tokenFor("manager"))
                .json()
                .valueStream()
                .filter(d -> d.get("name").asString().equals("Retail sales overview"))
                .findFirst()
                .orElseThrow();
        var datasetId =
                dashboard.get("widgets").get(0).get("query").get("dataset").asString();
        var widget =
                """
                {"type":"line","title":"Pinned from an insight","layout":{"x":0,"y":0,"w":6,"h":4},
                 "query":{"dataset":"%s","measures":[{"agg":"count"}],"dimensions":[],"limit":10}}"""
                        .formatted(datasetId);
        var path = "/w/insights/dashboards/" + dashboard.get("id").asString() + "/widgets";

        var refused = mvc.perform(MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(widget)
                        .with(as("viewer", "Vera Viewer"))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(403);
        var pinned = mvc.perform(MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(widget)
                        .with(manager)
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(pinned.getStatus()).isEqualTo(200);
        assertThat(pinned.getContentAsString()).contains("Pinned from an insight");
    }

    private String get(String path, RequestPostProcessor user) throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.get(path).with(user).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static RequestPostProcessor as(String username, String name) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new ForesightUser(username, name, false), null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }
}
