package dev.foresight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The same walk as {@link WorkspaceRouteAccessTests}, over the pages under {@code /w/{slug}}, with a web session. */
@ForesightTest
class WorkspacePageAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Workspaces workspaces;

    @BeforeEach
    void seeded() {
        DemoData.awaitSeeded(workspaces);
    }

    record Page(String method, String path) {}

    @Test
    void nonMembersGetNotFoundOnEveryWorkspacePage() throws Exception {
        var pages = pages();
        assertThat(pages).hasSizeGreaterThan(8);
        for (var page : pages) {
            var status = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(page.method()), page.path())
                            .with(as(new ForesightUser("outsider", "Otto Outsider", false)))
                            .with(csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status)
                    .as("%s %s as a non-member", page.method(), page.path())
                    .isEqualTo(404);
        }
    }

    @Test
    void viewersGetForbiddenOnEveryPageWrite() throws Exception {
        var writes = pages().stream().filter(p -> !p.method().equals("GET")).toList();
        assertThat(writes).hasSizeGreaterThan(5);
        signIn("viewer");
        for (var page : writes) {
            var status = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(page.method()), page.path())
                            .with(as(new ForesightUser("viewer", "Vera Viewer", false)))
                            .with(csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status)
                    .as("%s %s as a VIEWER", page.method(), page.path())
                    .isEqualTo(403);
        }
    }

    @Test
    void pageWritesWithoutCsrfTokenAreRefused() throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.post("/w/claims/api-tokens")
                        .param("name", "forged-by-another-site")
                        .with(as(new ForesightUser("admin", "Ada Admin", true))))
                .andReturn()
                .getResponse();
        // Refused before any controller runs: 403, or the sign-in page when the session is unknown.
        assertThat(response.getStatus()).isIn(302, 403);
        assertThat(String.valueOf(response.getRedirectedUrl())).doesNotContain("api-tokens");
        var tokens = new Api(port).get("/api/v1/workspaces/claims/api-tokens", new Api(port).tokenFor("admin"));
        assertThat(tokens.body()).doesNotContain("forged-by-another-site");
    }

    @LocalServerPort
    int port;

    /** Directory people become members at sign-in, which a mock session skips: sign in once through the API. */
    private void signIn(String username) {
        new Api(port).tokenFor(username);
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor as(ForesightUser user) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }

    private List<Page> pages() {
        var pages = new java.util.ArrayList<Page>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (var pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/w/{slug}")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (var method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    var path = pattern.replace("{slug}", "claims")
                            .replace("{id}", UUID.randomUUID().toString())
                            .replace("{username}", "someone")
                            .replaceAll("\\{[^}]+}", "1");
                    pages.add(new Page(method.name(), path));
                }
            }
        });
        return pages;
    }
}
