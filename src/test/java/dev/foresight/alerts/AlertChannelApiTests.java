package dev.foresight.alerts;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The channel API as admins, managers, viewers and outsiders meet it; secrets never come back out. */
@ForesightTest
@ExtendWith(OutputCaptureExtension.class)
class AlertChannelApiTests {

    static final String BASE = "/api/v1/workspaces/workforce/alerts";

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
    void aWebhookChannelAnswersItsSecretOnceAndNeverAgain() {
        var admin = api.tokenFor("admin");
        var created = api.post(
                BASE + "/channels",
                admin,
                Api.json(Map.of("type", "webhook", "name", "Ops hook", "url", "http://127.0.0.1:9/hook")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var secret = created.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        var id = created.json().get("id").asString();
        assertThat(created.json().get("type").asString()).isEqualTo("webhook");

        var one = api.get(BASE + "/channels/" + id, admin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("secret")).isFalse();
        assertThat(one.json().get("hasSecret").asBoolean()).isTrue();
        assertThat(api.get(BASE + "/channels", admin).body()).doesNotContain(secret.substring(6));

        var rotated = api.post(BASE + "/channels/" + id + "/rotate-secret", admin, "");
        assertThat(rotated.status()).isEqualTo(200);
        var fresh = rotated.json().get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(api.get(BASE + "/channels/" + id, admin).body()).doesNotContain(fresh.substring(6));
    }

    @Test
    void secretsOfEveryKindStayOutOfAnswersAndLogs(CapturedOutput output) {
        var admin = api.tokenFor("admin");
        var sms = api.post(
                BASE + "/channels",
                admin,
                Api.json(Map.of(
                        "type", "sms",
                        "name", "On-call phone",
                        "to", List.of("+15551230000"),
                        "from", "+15559870000",
                        "accountSid", "AC123",
                        "authToken", "tok-Sup3rSecretSms")));
        assertThat(sms.status()).as(sms.body()).isEqualTo(201);
        var mail = api.post(
                BASE + "/channels",
                admin,
                Api.json(Map.of(
                        "type", "email",
                        "name", "Team mail",
                        "to", List.of("team@example.com"),
                        "smtpHost", "127.0.0.1",
                        "smtpPort", 2525,
                        "smtpUsername", "alerts",
                        "smtpPassword", "pw-Sup3rSecretSmtp")));
        assertThat(mail.status()).as(mail.body()).isEqualTo(201);
        var slack = api.post(
                BASE + "/channels",
                admin,
                Api.json(Map.of(
                        "type", "slack",
                        "name", "Slack",
                        "url", "http://127.0.0.1:9/services/T0/B0/slackTokenSup3rSecret")));
        assertThat(slack.status()).as(slack.body()).isEqualTo(201);
        assertThat(slack.json().get("url").asString()).isEqualTo("http://127.0.0.1:9/…");
        assertThat(slack.json().has("secret")).isFalse();

        for (var body : List.of(
                sms.body(),
                mail.body(),
                slack.body(),
                api.get(BASE + "/channels", admin).body(),
                api.get(BASE + "/deliveries", admin).body())) {
            assertThat(body)
                    .doesNotContain("Sup3rSecret")
                    .doesNotContain("authToken\":\"")
                    .doesNotContain("smtpPassword");
        }
        assertThat(output.getAll()).doesNotContain("Sup3rSecret");
    }

    @Test
    void aUrlThatNamesOrResolvesToAPrivateAddressIsRefused() {
        var admin = api.tokenFor("admin");
        for (var url : List.of(
                "http://10.0.0.8/hook",
                "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/hook",
                "http://[fd00::1]/hook",
                "http://[::ffff:10.0.0.1]/hook",
                "http://ip6-localhost/hook",
                "ftp://example.com/")) {
            var response =
                    api.post(BASE + "/channels", admin, Api.json(Map.of("type", "webhook", "name", "Bad", "url", url)));
            var problem = assertProblem(response, 400);
            assertThat(problem.get("detail").asString()).as(url).isNotBlank();
        }
        var mail = api.post(
                BASE + "/channels",
                admin,
                Api.json(Map.of(
                        "type", "email", "name", "Bad", "to", List.of("a@example.com"), "smtpHost", "10.1.1.1")));
        assertThat(assertProblem(mail, 400).get("detail").asString()).contains("10.1.1.1");
        assertThat(api.get(BASE + "/channels", admin).body()).doesNotContain("\"Bad\"");
    }

    @Test
    void onlyAdminsManageChannelsAndManagersRules() {
        var channel = Api.json(Map.of("type", "webhook", "name", "x", "url", "http://127.0.0.1:9/"));
        assertProblem(api.post(BASE + "/channels", api.tokenFor("manager"), channel), 403);
        assertProblem(api.post(BASE + "/channels", api.tokenFor("viewer"), channel), 403);
        assertThat(api.get(BASE + "/channels", api.tokenFor("viewer")).status()).isEqualTo(403);

        var created = api.post(BASE + "/channels", api.tokenFor("admin"), channel);
        var id = created.json().get("id").asString();
        var rule = Api.json(Map.of("name", "Failures", "event", "execution-failed", "channels", List.of(id)));
        assertProblem(api.post(BASE + "/rules", api.tokenFor("viewer"), rule), 403);
        var made = api.post(BASE + "/rules", api.tokenFor("manager"), rule);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("groupWait").asString()).isEqualTo("PT1S");
        assertThat(api.get(BASE + "/rules", api.tokenFor("viewer")).status()).isEqualTo(200);
        assertThat(api.get(BASE + "/deliveries", api.tokenFor("viewer")).status())
                .isEqualTo(200);

        // another workspace's outsider sees nothing, not even that the channel exists
        var outsider = api.tokenFor("outsider");
        assertThat(api.get(BASE + "/rules", outsider).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/workspaces/insights/alerts/channels/" + id, api.tokenFor("admin"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badRulesAreExplained() {
        var manager = api.tokenFor("manager");
        assertProblem(
                api.post(
                        BASE + "/rules",
                        manager,
                        Api.json(Map.of("name", "x", "event", "drift", "channels", List.of()))),
                400);
        assertProblem(
                api.post(
                        BASE + "/rules",
                        manager,
                        Api.json(Map.of(
                                "name", "x",
                                "event", "drift",
                                "minSeverity", "apocalyptic",
                                "channels", List.of("00000000-0000-0000-0000-000000000000")))),
                400);
        assertThat(api.post(BASE + "/rules", manager, Api.json(Map.of("name", "x", "event", "weather")))
                        .status())
                .isEqualTo(400);
    }
}
