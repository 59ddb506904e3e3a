package dev.foresight.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The alert pages as admins, managers and viewers see them. */
@ForesightTest
class AlertPagesTests {

    static final ForesightUser ADMIN = new ForesightUser("admin", "Ada Admin", true);
    static final ForesightUser MANAGER = new ForesightUser("manager", "Max Manager", false);
    static final ForesightUser VIEWER = new ForesightUser("viewer", "Vera Viewer", false);

    @Autowired
    MockMvc mvc;

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        var api = new Api(port);
        List.of("admin", "manager", "viewer").forEach(api::tokenFor);
    }

    static RequestPostProcessor as(ForesightUser user) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }

    private String page(ForesightUser user, String path, int status) throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.get(path).with(as(user)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(status);
        return response.getContentAsString();
    }

    @Test
    void adminsSeeTheDemoChannelsWithTheirActionsAndTheSidebarLink() throws Exception {
        var html = page(ADMIN, "/w/claims/alerts/channels", 200);
        assertThat(html)
                .contains("Demo receiver (signed webhooks)")
                .contains("Claims team e-mail")
                .contains("Send test")
                .contains("Rotate secret")
                .contains("New channel")
                .contains("href=\"/w/claims/alerts\"");
        assertThat(page(ADMIN, "/w/claims/alerts/rules", 200)).contains("Payer drift (medium or worse)");
        assertThat(page(ADMIN, "/w/claims/alerts/demo-receiver", 200)).contains("Demo receiver");
        assertThat(page(ADMIN, "/w/claims/alerts/outbox", 200)).contains("Outbox");
    }

    @Test
    void managersReadChannelsButDoNotManageThemAndViewersSeeDeliveries() throws Exception {
        var html = page(MANAGER, "/w/claims/alerts/channels", 200);
        assertThat(html)
                .contains("Demo receiver (signed webhooks)")
                .doesNotContain("Send test")
                .doesNotContain("New channel");
        assertThat(page(MANAGER, "/w/claims/alerts/rules", 200)).contains("New rule");
        page(VIEWER, "/w/claims/alerts/channels", 403);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/w/claims/alerts").with(as(VIEWER)))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/w/claims/alerts/deliveries");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/w/claims/alerts").with(as(MANAGER)))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/w/claims/alerts/channels");
        page(VIEWER, "/w/claims/alerts/outbox", 403);
        assertThat(page(VIEWER, "/w/claims/alerts/deliveries", 200)).contains("Dead letters");
        assertThat(page(VIEWER, "/w/claims/alerts/rules", 200)).doesNotContain("New rule");
    }

    @Test
    void creatingAChannelShowsItsSecretOnceAndAPrivateUrlIsExplained() throws Exception {
        var refused = mvc.perform(MockMvcRequestBuilders.post("/w/workforce/alerts/channels")
                        .param("type", "webhook")
                        .param("name", "Internal")
                        .param("url", "http://10.0.0.1/hook")
                        .with(as(ADMIN))
                        .with(csrf()))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(302);
        assertThat(String.valueOf(refused.getFlashMap().get("error"))).contains("internal networks");

        var created = mvc.perform(MockMvcRequestBuilders.post("/w/workforce/alerts/channels")
                        .param("type", "webhook")
                        .param("name", "Page hook")
                        .param("url", "http://127.0.0.1:9/page")
                        .with(as(ADMIN))
                        .with(csrf()))
                .andReturn();
        assertThat(String.valueOf(created.getFlashMap().get("revealedSecret"))).startsWith("whsec_");
        assertThat(page(ADMIN, "/w/workforce/alerts/channels", 200))
                .contains("Page hook")
                .doesNotContain("whsec_");
    }
}
