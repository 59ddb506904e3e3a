package dev.foresight.support;

import dev.foresight.identity.Workspaces;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test through the HTTP API, as a manager, once demo seeding has created the workspaces: the few lines of setup
 * every such test class would otherwise repeat.
 */
@ForesightTest
public abstract class ApiTest {

    @Autowired
    protected Workspaces workspaces;

    @LocalServerPort
    protected int port;

    protected Api api;
    protected String manager;

    @BeforeEach
    void signInAsManager() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        manager = api.tokenFor("manager");
    }
}
