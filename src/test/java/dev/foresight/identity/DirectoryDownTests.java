package dev.foresight.identity;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import dev.foresight.identity.internal.MembershipStore;
import dev.foresight.identity.internal.Person.PersonSource;
import dev.foresight.identity.internal.PersonStore;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.support.Api;
import dev.foresight.support.ForesightTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The corporate directory is down: directory people are told so, local accounts still sign in. */
@ForesightTest
@TestPropertySource(
        properties = {
            "spring.ldap.embedded.base-dn=",
            "spring.ldap.urls=ldap://127.0.0.1:1",
            "foresight.demo.enabled=false"
        })
@DirtiesContext
class DirectoryDownTests {

    private static final String PASSWORD = "offline but fine";

    @Autowired
    ApplicationContext context;

    @Autowired
    Workspaces workspaces;

    @Autowired
    PersonStore people;

    @Autowired
    MembershipStore memberships;

    @Autowired
    PasswordEncoder passwords;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void theEmbeddedDirectoryIsOffAndTheConfiguredOneIsUnreachable() {
        assertThat(context.getBeanNamesForType(InMemoryDirectoryServer.class)).isEmpty();
        assertThat(context.getBean(LdapContextSource.class).getUrls()).containsExactly("ldap://127.0.0.1:1");
        assertThat(workspaces.findBySlug("claims")).as("no demo data").isEmpty();
    }

    @Test
    void aDirectorySignInIsToldTheDirectoryCannotBeReached() {
        var response = api.post("/api/v1/auth/token", null, Api.json(Map.of("username", "admin", "password", "admin")));

        var problem = assertProblem(response, 503);
        assertThat(problem.get("detail").asString())
                .contains("directory cannot be reached")
                .contains("Local accounts can still sign in");
        assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain("ldap://");
    }

    @Test
    void aLocalAccountStillSignsIn() {
        var username = "offline-" + UUID.randomUUID().toString().substring(0, 8);
        var workspace = workspaces.ensure("offline-" + username.substring(8), "Offline work", "test");
        var person =
                people.insert(username, "Olga Offline", null, PersonSource.LOCAL, passwords.encode(PASSWORD), false);
        memberships.put(workspace.id(), person.id(), WorkspaceRole.MANAGER, MembershipStore.Source.MANUAL);

        var response =
                api.post("/api/v1/auth/token", null, Api.json(Map.of("username", username, "password", PASSWORD)));

        assertThat(response.status()).isEqualTo(200);
        var me = api.get("/api/v1/me", response.json().get("access_token").asString())
                .json();
        assertThat(me.get("displayName").asString()).isEqualTo("Olga Offline");
        assertThat(me.get("workspaces").get(0).get("slug").asString()).isEqualTo(workspace.slug());
        assertThat(me.get("workspaces").get(0).get("role").asString()).isEqualTo("MANAGER");
    }
}
