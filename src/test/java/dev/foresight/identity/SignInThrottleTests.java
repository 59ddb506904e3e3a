package dev.foresight.identity;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The sign-in throttle at its real limit, in a context of its own. Every loopback address (127.0.0.0/8) is a
 * different client to the server, so each limit is proved on its own: the account's while no address reaches the
 * limit, the address's while no account does.
 */
@ForesightTest
@TestPropertySource(properties = {"foresight.identity.throttle.max-failures=10"})
@DirtiesContext
class SignInThrottleTests {

    private static final int LIMIT = 10;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
    }

    @Test
    void anAccountIsLockedAfterTenFailuresFromAnyAddresses() {
        var first = client("127.0.0.11");
        var second = client("127.0.0.12");
        var fresh = client("127.0.0.13");
        var before = Counts.now(this);

        for (int i = 0; i < 5; i++) {
            assertProblem(first.signIn("viewer", "wrong-" + i), 401);
        }
        for (int i = 0; i < 4; i++) {
            assertProblem(second.signIn("viewer", "wrong-again-" + i), 401);
        }
        // Nine failures: not yet locked (a success does not reset the count).
        assertThat(fresh.signIn("viewer", "viewer").status()).isEqualTo(200);
        assertProblem(second.signIn("viewer", "the-tenth-wrong-one"), 401);

        // The tenth failure locks the account, even from an address that never failed, even with its password.
        var locked = fresh.signIn("viewer", "viewer");
        var problem = assertProblem(locked, 429);
        assertThat(problem.get("detail").asString()).contains("Too many failed sign-ins");
        assertRetryAfter(locked.headers());
        assertProblem(first.signIn("VIEWER", "viewer"), 429);

        // Neither address reached the limit: other people still sign in from them.
        assertThat(first.signIn("manager", "manager").status()).isEqualTo(200);
        assertThat(second.signIn("manager", "manager").status()).isEqualTo(200);

        var after = Counts.now(this);
        assertThat(after.failedEvents - before.failedEvents).isEqualTo(LIMIT);
        assertThat(after.throttledEvents - before.throttledEvents).isEqualTo(2);
        assertThat(after.failureMetric - before.failureMetric).isEqualTo(LIMIT);
        assertThat(after.throttledMetric - before.throttledMetric).isEqualTo(2);
    }

    @Test
    void anAddressIsLockedAfterTenFailuresForAnyAccounts() {
        var guesser = client("127.0.0.21");
        var elsewhere = client("127.0.0.22");
        var before = Counts.now(this);

        for (int i = 0; i < LIMIT - 1; i++) {
            assertProblem(guesser.signIn("ghost-" + UUID.randomUUID(), "guess-" + i), 401);
        }
        // Nine failures from the address, none for this account: not yet locked.
        assertThat(guesser.signIn("manager", "manager").status()).isEqualTo(200);
        assertProblem(guesser.signIn("ghost-" + UUID.randomUUID(), "the-tenth-guess"), 401);

        // Each account failed once at most, yet the address is locked for everyone, right passwords too.
        var locked = guesser.signIn("manager", "manager");
        assertProblem(locked, 429);
        assertRetryAfter(locked.headers());
        assertProblem(guesser.signIn("admin", "admin"), 429);

        // The accounts themselves are not locked.
        assertThat(elsewhere.signIn("manager", "manager").status()).isEqualTo(200);

        var after = Counts.now(this);
        assertThat(after.failedEvents - before.failedEvents).isEqualTo(LIMIT);
        assertThat(after.throttledEvents - before.throttledEvents).isEqualTo(2);
        assertThat(after.failureMetric - before.failureMetric).isEqualTo(LIMIT);
        assertThat(after.throttledMetric - before.throttledMetric).isEqualTo(2);
    }

    @Test
    void theSignInFormCountsFailuresAndAnswersTooManyRequests() throws Exception {
        var attacker = client("127.0.0.31");
        var owner = client("127.0.0.32");
        var before = Counts.now(this);

        for (int i = 0; i < LIMIT; i++) {
            var failed = attacker.formSignIn("outsider", "wrong-" + i);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }

        var throttled = owner.formSignIn("outsider", "outsider");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertRetryAfter(throttled.headers());
        assertThat(throttled.headers().firstValue("Location")).isEmpty();
        assertThat(throttled.body()).contains("Too many failed sign-ins").contains("name=\"username\"");
        // Form and API share the count.
        assertProblem(owner.signIn("outsider", "outsider"), 429);

        var after = Counts.now(this);
        assertThat(after.failedEvents - before.failedEvents).isEqualTo(LIMIT);
        assertThat(after.throttledEvents - before.throttledEvents).isEqualTo(2);
        assertThat(after.failureMetric - before.failureMetric).isEqualTo(LIMIT);
    }

    @Test
    void theMetricsNameEachOutcome() {
        var client = client("127.0.0.41");
        client.signIn("admin", "admin");
        client.signIn("admin", "wrong");

        var metrics = client.get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("(?m)^foresight_sign_ins_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]")
                .containsPattern("(?m)^foresight_sign_ins_total\\{[^}]*outcome=\"failure\"[^}]*} [1-9]");
    }

    private static void assertRetryAfter(HttpHeaders headers) {
        var retryAfter = headers.firstValue("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After"));
        assertThat(retryAfter).matches("[0-9]+");
        assertThat(Long.parseLong(retryAfter))
                .isBetween(1L, Duration.ofMinutes(15).toSeconds());
    }

    /** Audit events and metric values, to compare before and after. */
    record Counts(long failedEvents, long throttledEvents, double failureMetric, double throttledMetric) {

        static Counts now(SignInThrottleTests test) {
            var metrics = test.client("127.0.0.1").get("/actuator/prometheus").body();
            return new Counts(
                    test.events("sign-in.failed"),
                    test.events("sign-in.throttled"),
                    metric(metrics, "failure"),
                    metric(metrics, "throttled"));
        }

        private static double metric(String metrics, String outcome) {
            var line = Pattern.compile(
                            "(?m)^foresight_sign_ins_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.Ee+-]+)$")
                    .matcher(metrics);
            return line.find() ? Double.parseDouble(line.group(1)) : 0;
        }
    }

    long events(String action) {
        return jdbc.sql("select count(*) from audit_events where chain_key = 'platform' and action = ?")
                .param(action)
                .query(Long.class)
                .single();
    }

    Client client(String address) {
        return new Client(address);
    }

    /** A caller at one loopback address, with its own cookies. */
    final class Client {

        private final HttpClient http;

        Client(String address) {
            try {
                this.http = HttpClient.newBuilder()
                        .localAddress(InetAddress.getByName(address))
                        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Api.Response signIn(String username, String password) {
            var response = send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            Api.json(Map.of("username", username, "password", password))))
                    .build());
            return new Api.Response(response.statusCode(), response.body(), response.headers());
        }

        HttpResponse<String> formSignIn(String username, String password) {
            var page = get("/login");
            var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
            var form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                    + encode(csrf.group(1));
            return send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
