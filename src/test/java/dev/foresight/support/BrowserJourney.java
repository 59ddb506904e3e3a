package dev.foresight.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.foresight.identity.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser journey shares: one Chromium per test class, the demo workspaces seeded before each test, people
 * signed in through the form in contexts of their own, closed after the test, and their console errors collected.
 */
public abstract class BrowserJourney {

    protected static Browsers.Session session;

    @LocalServerPort
    protected int port;

    @Autowired
    protected Workspaces workspaces;

    protected final List<BrowserContext> contexts = new ArrayList<>();
    protected final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        session = Browsers.launch();
    }

    @AfterAll
    static void quitBrowser() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @BeforeEach
    void awaitDemo() {
        DemoData.awaitSeeded(workspaces);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** A fresh context signed in as {@code username} (the demo passwords equal the names). */
    protected Page signIn(String username) {
        return Browsers.signIn(session.browser(), port, username, contexts, consoleErrors);
    }
}
