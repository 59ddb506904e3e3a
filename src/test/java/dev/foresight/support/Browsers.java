package dev.foresight.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, as the browser journeys use it: headless, with the flags this machine's
 * closed network needs, skipped on a laptop without Chromium unless the services are required.
 */
public final class Browsers {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private Browsers() {}

    public record Session(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    public static Session launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            var message = "Chromium is not installed at " + CHROMIUM;
            if (Services.required()) {
                throw new AssertionError(message + " and FORESIGHT_IT_SERVICES=required");
            }
            Assumptions.abort(message + "; skipping (set FORESIGHT_IT_SERVICES=required to make this fail)");
        }
        var playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        var browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
        return new Session(playwright, browser);
    }

    /** A fresh context signed in through the form; console errors and page errors go to {@code errors}. */
    public static Page signIn(
            Browser browser, int port, String username, List<BrowserContext> contexts, List<String> errors) {
        var context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 800));
        contexts.add(context);
        var page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                errors.add(username + ": " + message.text() + " at " + message.location());
            }
        });
        page.onPageError(error -> errors.add(username + ": uncaught " + error));
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(username);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** The page's script reports the live channel's state on the body; wait until it has connected. */
    public static void awaitLive(Page page) {
        PlaywrightAssertions.assertThat(page.locator("body"))
                .hasAttribute("data-live", "connected", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
    }
}
