package dev.foresight.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.foresight.datasets.Datasets;
import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Workspaces;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The drift pages as a manager and a viewer of the demo claims workspace see them. */
@ForesightTest
class DriftPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Workspaces workspaces;

    @Autowired
    DriftMonitors monitors;

    @Autowired
    Datasets datasets;

    @LocalServerPort
    int port;

    CurrentWorkspace claims;
    DriftMonitor demo;
    DriftRun run;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        new Api(port).tokenFor("manager");
        new Api(port).tokenFor("viewer");
        var workspace = workspaces.findBySlug("claims").orElseThrow();
        claims = new CurrentWorkspace(workspace.id(), "claims", workspace.name(), WorkspaceRole.MANAGER, "manager");
        demo = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> monitors.list(claims).stream()
                                .filter(m -> m.name().equals("Claims per payer"))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        var runId = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> monitors.runs(claims, demo.id()).stream()
                                .filter(r -> r.status().equals("SUCCEEDED"))
                                .map(DriftRun::runId)
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
        run = monitors.run(claims, runId);
    }

    @Test
    void theDriftPagesShowMonitorsRunsAndTheMatrix() throws Exception {
        var list = get("/w/claims/drift", "manager");
        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString())
                .contains("Claims per payer", "New monitor", "Create monitor", "P1W vs P8W", "0 6 * * 1");

        var monitor = get("/w/claims/drift/" + demo.id(), "manager");
        assertThat(monitor.getStatus()).isEqualTo(200);
        assertThat(monitor.getContentAsString())
                .contains(
                        "Run now",
                        "Save monitor",
                        "date_of_service",
                        "status = &#39;DENIED&#39;",
                        run.runId().toString());

        var page = get("/w/claims/drift/runs/" + run.runId(), "manager");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString())
                .contains("Drift matrix", "drift-matrix", "payer=Cigna", "denial rate", "HIGH", "/js/drift.js");

        var data = get("/w/claims/drift/runs/" + run.runId() + "/data", "manager");
        assertThat(data.getStatus()).isEqualTo(200);
        assertThat(data.getContentAsString()).contains("\"segment\":\"payer=Cigna\"", "\"edges\"");
        var timeline = mvc.perform(as(
                        MockMvcRequestBuilders.get("/w/claims/drift/" + demo.id() + "/timeline")
                                .param("segment", "payer=Cigna")
                                .param("metric", "denial rate"),
                        "manager"))
                .andReturn()
                .getResponse();
        assertThat(timeline.getContentAsString()).contains("\"test\":\"z-test\"", "\"drifted\":true");
    }

    @Test
    void viewersSeeTheDriftButNoForms() throws Exception {
        var list = get("/w/claims/drift", "viewer");
        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString()).contains("Claims per payer").doesNotContain("New monitor");
        assertThat(get("/w/claims/drift/" + demo.id(), "viewer").getContentAsString())
                .doesNotContain("Run now")
                .doesNotContain("Save monitor");
    }

    @Test
    void aRefusedFormSaysWhyAndKeepsWhatWasTyped() throws Exception {
        var response = mvc.perform(as(
                                MockMvcRequestBuilders.post("/w/claims/drift")
                                        .param("name", "Typed by hand")
                                        .param("dataset", demo.dataset().toString())
                                        .param("timeColumn", "date_of_service")
                                        .param("segments", "payer")
                                        .param("metricKind", "rate", "")
                                        .param("metricColumn", "", "")
                                        .param("metricCondition", "status = DENIED", "")
                                        .param("metricName", "", "")
                                        .param("baselineWindow", "P8W")
                                        .param("currentWindow", "P1W"),
                                "manager")
                        .with(csrf()))
                .andReturn();
        assertThat(response.getResponse().getStatus()).isEqualTo(302);
        var flash = response.getFlashMap();
        assertThat(String.valueOf(flash.get("error"))).contains("'DENIED' is neither a number nor quoted");
        assertThat(monitors.list(claims)).noneMatch(m -> m.name().equals("Typed by hand"));

        var created = mvc.perform(as(
                                MockMvcRequestBuilders.post("/w/claims/drift")
                                        .param("name", "Typed by hand")
                                        .param("dataset", demo.dataset().toString())
                                        .param("timeColumn", "date_of_service")
                                        .param("segments", "payer")
                                        .param("metricKind", "rate", "", "volume")
                                        .param("metricColumn", "", "", "")
                                        .param("metricCondition", "status = 'PENDING'", "", "")
                                        .param("metricName", "pending rate", "", "")
                                        .param("baselineWindow", "P8W")
                                        .param("currentWindow", "P1W"),
                                "manager")
                        .with(csrf()))
                .andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        var saved = monitors.list(claims).stream()
                .filter(m -> m.name().equals("Typed by hand"))
                .findFirst()
                .orElseThrow();
        assertThat(saved.metrics()).extracting(MetricSpec::label).containsExactly("pending rate", "volume");
        monitors.delete(claims, saved.id());
    }

    @Test
    void aMonitorMayCompareWithAChosenVersionInsteadOfWindows() throws Exception {
        var version = datasets.get(claims, demo.dataset()).currentVersionId();
        assertThat(get("/w/claims/drift", "manager").getContentAsString())
                .contains("Or compare with a version")
                .contains("value=\"" + version + "\"");

        var created = mvc.perform(as(
                                MockMvcRequestBuilders.post("/w/claims/drift")
                                        .param("name", "Against a version")
                                        .param("dataset", demo.dataset().toString())
                                        .param("segments", "payer")
                                        .param("metricKind", "volume")
                                        .param("metricColumn", "")
                                        .param("metricCondition", "")
                                        .param("metricName", "")
                                        .param("baselineVersion", version.toString()),
                                "manager")
                        .with(csrf()))
                .andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        assertThat(created.getFlashMap().get("error")).isNull();
        var saved = monitors.list(claims).stream()
                .filter(m -> m.name().equals("Against a version"))
                .findFirst()
                .orElseThrow();
        assertThat(saved.baselineVersion()).isEqualTo(version);
        assertThat(get("/w/claims/drift/" + saved.id(), "manager").getContentAsString())
                .as("the edit form shows the chosen version")
                .containsPattern("<option value=\"" + version + "\"[^>]*selected");

        // Back to windows through the edit form: the version is dropped.
        mvc.perform(as(
                                MockMvcRequestBuilders.post("/w/claims/drift/" + saved.id())
                                        .param("name", "Against a version")
                                        .param("dataset", demo.dataset().toString())
                                        .param("timeColumn", "date_of_service")
                                        .param("segments", "payer")
                                        .param("metricKind", "volume")
                                        .param("metricColumn", "")
                                        .param("metricCondition", "")
                                        .param("metricName", "")
                                        .param("baselineWindow", "P8W")
                                        .param("currentWindow", "P1W")
                                        .param("baselineVersion", ""),
                                "manager")
                        .with(csrf()))
                .andReturn();
        assertThat(monitors.get(claims, saved.id()).baselineVersion()).isNull();

        var refused = mvc.perform(as(
                                MockMvcRequestBuilders.post("/w/claims/drift")
                                        .param("name", "Against nothing")
                                        .param("dataset", demo.dataset().toString())
                                        .param("metricKind", "volume")
                                        .param("baselineVersion", "not-a-version"),
                                "manager")
                        .with(csrf()))
                .andReturn();
        assertThat(String.valueOf(refused.getFlashMap().get("error"))).contains("Choose the baseline version");
        monitors.delete(claims, saved.id());
    }

    private MockHttpServletResponse get(String path, String username) throws Exception {
        return mvc.perform(as(MockMvcRequestBuilders.get(path), username))
                .andReturn()
                .getResponse();
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        var user = new ForesightUser(username, username, false);
        return request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")))));
    }
}
