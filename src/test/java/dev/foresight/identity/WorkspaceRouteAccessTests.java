package dev.foresight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.shared.MachineAccess;
import dev.foresight.shared.RequiresRole;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every registered workspace route: an outsider (a member of {@code insights} only) gets 404 on every route of
 * {@code claims}, and a VIEWER gets 403 on every write. A new route is covered the day it is added.
 */
@ForesightTest
class WorkspaceRouteAccessTests {

    record Route(String method, String pattern, HandlerMethod handler, String contentType) {
        String path(String slug) {
            return pattern.replace("{slug}", slug)
                    .replace("{id}", UUID.randomUUID().toString())
                    .replace("{username}", "someone")
                    .replaceAll("\\{[^}]+}", "1");
        }

        boolean isWrite() {
            return !method.equals("GET") && !method.equals("HEAD");
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

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
    void nonMembersGetNotFoundOnEveryWorkspaceApiRoute() {
        var outsider = api.tokenFor("outsider");
        var routes = routes("/api/v1/workspaces/{slug}");
        assertThat(routes).hasSizeGreaterThan(10);
        for (var route : routes) {
            var response = api.send(route.method(), route.path("claims"), outsider, route.contentType(), body(route));
            assertThat(response.status())
                    .as("%s %s as a non-member", route.method(), route.pattern())
                    .isEqualTo(404);
            assertThat(response.body()).doesNotContain("Claims integrity");
        }
    }

    @Test
    void unknownWorkspacesAnswerExactlyLikeForeignOnes() {
        var outsider = api.tokenFor("outsider");
        for (var route : routes("/api/v1/workspaces/{slug}")) {
            var response = api.send(
                    route.method(), route.path("no-such-workspace"), outsider, route.contentType(), body(route));
            assertThat(response.status())
                    .as("%s %s", route.method(), route.pattern())
                    .isEqualTo(404);
        }
    }

    @Test
    void viewersGetForbiddenOnEveryWriteRoute() {
        var viewer = api.tokenFor("viewer");
        var writes = routes("/api/v1/workspaces/{slug}").stream()
                .filter(Route::isWrite)
                .toList();
        assertThat(writes).hasSizeGreaterThan(5);
        for (var route : writes) {
            var response = api.send(route.method(), route.path("claims"), viewer, route.contentType(), body(route));
            assertThat(response.status())
                    .as("%s %s as a VIEWER", route.method(), route.pattern())
                    .isEqualTo(403);
        }
    }

    @Test
    void noWriteRouteIsOpenToViewers() {
        for (var route : routes("")) {
            var annotation = route.handler().getMethodAnnotation(RequiresRole.class);
            if (annotation == null) {
                annotation = route.handler().getBeanType().getAnnotation(RequiresRole.class);
            }
            if (route.isWrite() && annotation != null) {
                assertThat(annotation.value().name())
                        .as("%s %s", route.method(), route.pattern())
                        .isNotEqualTo("VIEWER");
            }
        }
    }

    @Test
    void machineEndpointsAreDeclaredExplicitly() {
        var machine = routes("/api/v1/workspaces/{slug}").stream()
                .filter(route -> route.handler().hasMethodAnnotation(MachineAccess.class))
                .map(Route::pattern)
                .toList();
        assertThat(machine).contains("/api/v1/workspaces/{slug}/executions/{id}");
    }

    private static String body(Route route) {
        return route.contentType().startsWith("multipart/") ? "--walk--\r\n" : "{}";
    }

    /** Every handler route under the prefix, one entry per HTTP method. */
    List<Route> routes(String prefix) {
        var routes = new ArrayList<Route>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (var pattern : info.getPatternValues()) {
                if (!pattern.startsWith(prefix)) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                // Send what the route consumes, so that the access check, not content negotiation, answers.
                var consumes = info.getConsumesCondition().getConsumableMediaTypes();
                var contentType = consumes.isEmpty()
                        ? "application/json"
                        : consumes.iterator().next().toString().startsWith("multipart/")
                                ? "multipart/form-data; boundary=walk"
                                : consumes.iterator().next().toString();
                for (var method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(method.name(), pattern, handler, contentType));
                }
            }
        });
        return routes;
    }
}
