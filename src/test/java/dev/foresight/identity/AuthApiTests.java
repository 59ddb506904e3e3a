package dev.foresight.identity;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The token API as a client sees it: sign-in, the caller's workspaces, refresh rotation and refused tokens. */
@ForesightTest
class AuthApiTests {

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("jwtSigningKey")
    SecretKey jwtSigningKey;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
    }

    @Test
    void signInAnswersExactlyAnOAuthStyleTokenPair() throws Exception {
        var response = signIn("manager", "manager");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var pair = response.json();
        assertThat(pair.propertyNames())
                .containsExactlyInAnyOrder("access_token", "refresh_token", "token_type", "expires_in");
        assertThat(pair.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(pair.get("expires_in").asLong()).isEqualTo(900);
        assertThat(pair.get("refresh_token").asString()).startsWith("fsr_");

        var jwt = SignedJWT.parse(pair.get("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(jwtSigningKey))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("manager");
        assertThat(claims.getIssuer()).isEqualTo("foresight");
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void meNamesThePersonAndTheirWorkspacesWithRoles() {
        var me = api.get("/api/v1/me", api.tokenFor("admin"));

        assertThat(me.status()).isEqualTo(200);
        var body = me.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("username", "displayName", "workspaces");
        assertThat(body.get("username").asString()).isEqualTo("admin");
        assertThat(body.get("displayName").asString()).isEqualTo("Ada Admin");
        var roles = new HashMap<String, String>();
        for (var workspace : body.get("workspaces").values()) {
            assertThat(workspace.propertyNames()).containsExactlyInAnyOrder("slug", "name", "role");
            assertThat(workspace.get("name").asString()).isNotBlank();
            roles.put(workspace.get("slug").asString(), workspace.get("role").asString());
        }
        // Other test classes sharing this server create workspaces of their own; the demo ones are these five.
        assertThat(roles)
                .containsAllEntriesOf(Map.of(
                        "workforce", "ADMIN",
                        "claims", "ADMIN",
                        "hospital", "ADMIN",
                        "customer-risk", "ADMIN",
                        "insights", "ADMIN"));
    }

    @Test
    void anOutsiderSeesOnlyTheWorkspaceTheirGroupIsMappedTo() {
        var me = api.get("/api/v1/me", api.tokenFor("outsider")).json();

        assertThat(me.get("displayName").asString()).isEqualTo("Otto Outsider");
        assertThat(me.get("workspaces").size()).isEqualTo(1);
        var only = me.get("workspaces").get(0);
        assertThat(only.get("slug").asString()).isEqualTo("insights");
        assertThat(only.get("name").asString()).isEqualTo("Business insights");
        assertThat(only.get("role").asString()).isEqualTo("VIEWER");
    }

    @Test
    void aRefreshTokenIsRotatedAndWorksOnlyOnce() {
        var first = signIn("viewer", "viewer").json();
        var refresh = first.get("refresh_token").asString();

        var rotated = api.post("/api/v1/auth/refresh", null, Api.json(Map.of("refresh_token", refresh)));
        assertThat(rotated.status()).isEqualTo(200);
        var second = rotated.json();
        assertThat(second.propertyNames())
                .containsExactlyInAnyOrder("access_token", "refresh_token", "token_type", "expires_in");
        assertThat(second.get("refresh_token").asString()).isNotEqualTo(refresh);
        var me = api.get("/api/v1/me", second.get("access_token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("viewer");

        var replayed = api.post("/api/v1/auth/refresh", null, Api.json(Map.of("refresh_token", refresh)));
        var problem = assertProblem(replayed, 401);
        assertThat(problem.get("detail").asString()).contains("refresh token");

        var next = api.post(
                "/api/v1/auth/refresh",
                null,
                Api.json(Map.of("refresh_token", second.get("refresh_token").asString())));
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenIsNoAccessToken() {
        var refresh = signIn("viewer", "viewer").json().get("refresh_token").asString();

        assertProblem(api.get("/api/v1/me", refresh), 401);
    }

    @Test
    void wrongPasswordsAndUnknownPeopleGetTheSameProblem() {
        long failedBefore = platformEvents("sign-in.failed");

        var wrong = assertProblem(signIn("admin", "not-the-password"), 401);
        var unknown = assertProblem(signIn("no-such-person", "whatever-it-is"), 401);

        assertThat(wrong.get("detail").asString()).isEqualTo("Wrong username or password.");
        assertThat(unknown.get("detail").asString())
                .isEqualTo(wrong.get("detail").asString());
        assertThat(wrong.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(wrong.get("requestId").asString())
                .isNotEqualTo(unknown.get("requestId").asString());
        assertThat(platformEvents("sign-in.failed")).isEqualTo(failedBefore + 2);
        var last = jdbc.sql(
                        """
                        select actor, workspace_id, details from audit_events
                        where action = 'sign-in.failed' order by id desc fetch first 1 rows only""")
                .query((rs, n) -> Map.of(
                        "actor", rs.getString("actor"),
                        "workspace", String.valueOf(rs.getObject("workspace_id")),
                        "details", rs.getString("details")))
                .single();
        assertThat(last)
                .containsEntry("actor", "no-such-person")
                .containsEntry("workspace", "null")
                .containsEntry("details", "reason=Wrong username or password.");
    }

    @Test
    void successfulSignInsAreAuditedToo() {
        long before = platformEvents("sign-in.succeeded");

        assertThat(signIn("manager", "manager").status()).isEqualTo(200);

        assertThat(platformEvents("sign-in.succeeded")).isEqualTo(before + 1);
    }

    /**
     * The API requires both fields (400). An empty password must never reach the directory as an anonymous bind, so
     * the form sign-in, which has no such validation, must refuse it as a failed sign-in.
     */
    @Test
    void anEmptyPasswordNeverSignsIn() throws Exception {
        var refused = assertProblem(signIn("admin", ""), 400);
        assertThat(refused.get("detail").asString()).contains("password");

        long failedBefore = platformEvents("sign-in.failed");
        var browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var page = browser.send(
                HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        var form = "username=admin&password=&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        var posted = browser.send(
                HttpRequest.newBuilder(URI.create(base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        var home = browser.send(
                HttpRequest.newBuilder(URI.create(base() + "/workspaces")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).contains("/login");
        assertThat(platformEvents("sign-in.failed")).isEqualTo(failedBefore + 1);
    }

    @Test
    void aDirectoryPersonWithoutMappedGroupsIsToldSo() {
        var problem = assertProblem(signIn("nobody", "nobody"), 401);

        assertThat(problem.get("detail").asString())
                .contains("'nobody'")
                .contains("none of your directory groups is mapped");
    }

    @Test
    void aTokenSignedHereWorksSoTheRefusalsBelowAreAboutTheirFlaw() throws Exception {
        var token = sign(claims("admin", "foresight", Instant.now().plusSeconds(300)), jwtSigningKey);

        var me = api.get("/api/v1/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("admin");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        var expired = sign(claims("admin", "foresight", Instant.now().minus(Duration.ofMinutes(5))), jwtSigningKey);

        var problem = assertProblem(api.get("/api/v1/me", expired), 401);

        assertThat(problem.get("detail").asString()).doesNotContain("expired at");
    }

    @Test
    void aTokenWithAForgedSignatureIsRefused() throws Exception {
        var otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        var forged = sign(
                claims("admin", "foresight", Instant.now().plusSeconds(300)),
                new SecretKeySpec(otherKey, "HmacSHA256"));

        assertProblem(api.get("/api/v1/me", forged), 401);
    }

    @Test
    void aSignedTokenWithAnEditedPayloadIsRefused() throws Exception {
        var viewer = sign(claims("viewer", "foresight", Instant.now().plusSeconds(300)), jwtSigningKey);
        var admin = sign(claims("admin", "foresight", Instant.now().plusSeconds(300)), jwtSigningKey);
        var parts = viewer.split("\\.");
        var edited = parts[0] + "." + admin.split("\\.")[1] + "." + parts[2];

        assertProblem(api.get("/api/v1/me", edited), 401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        var foreign = sign(claims("admin", "someone-else", Instant.now().plusSeconds(300)), jwtSigningKey);

        assertProblem(api.get("/api/v1/me", foreign), 401);
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        var unsigned = new PlainJWT(claims("admin", "foresight", Instant.now().plusSeconds(300))).serialize();
        assertThat(unsigned).startsWith("eyJhbGciOiJub25lIn0.").endsWith(".");

        assertProblem(api.get("/api/v1/me", unsigned), 401);
    }

    @Test
    void garbageIsRefused() {
        for (var garbage : new String[] {"garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.", "fst_not-a-real-token"}) {
            var response = api.get("/api/v1/me", garbage);
            assertProblem(response, 401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertProblem(api.get("/api/v1/me", null), 401);
    }

    private Api.Response signIn(String username, String password) {
        return api.post("/api/v1/auth/token", null, Api.json(Map.of("username", username, "password", password)));
    }

    private long platformEvents(String action) {
        return jdbc.sql("select count(*) from audit_events where chain_key = 'platform' and action = ?")
                .param(action)
                .query(Long.class)
                .single();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static JWTClaimsSet claims(String subject, String issuer, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expiresAt))
                .build();
    }

    private static String sign(JWTClaimsSet claims, SecretKey key) throws Exception {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
