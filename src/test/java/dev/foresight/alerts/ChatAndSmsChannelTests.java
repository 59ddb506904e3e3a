package dev.foresight.alerts;

import static dev.foresight.alerts.AlertEndpoints.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Slack Block Kit, Discord embeds and a Twilio-compatible SMS API, each received by a real HTTP server. */
@ForesightTest
class ChatAndSmsChannelTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    Api api;
    MockWebServer server;

    @BeforeEach
    void setUp() throws Exception {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        server = AlertEndpoints.startServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void slackGetsBlockKitWithTheChannelTemplate() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        var channel = AlertEndpoints.createChannel(
                api,
                Map.of(
                        "type", "slack",
                        "name", "Slack #claims",
                        "url", AlertEndpoints.url(server, "/services/T1/B2/secretpath"),
                        "template", "*{{segment}}* moved from {{baseline}} to {{current}}"));
        var delivery = test(channel.get("id").asString());
        assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
        assertThat(delivery.toString()).doesNotContain("secretpath");
        var request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/services/T1/B2/secretpath");
        var body = JSON.readTree(request.getBody().utf8());
        assertThat(body.get("text").asString()).contains("Test of Slack #claims");
        assertThat(body.get("blocks").get(0).get("type").asString()).isEqualTo("header");
        assertThat(body.get("blocks").get(1).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(body.get("blocks").get(1).get("text").get("text").asString())
                .isEqualTo("*payer=Example* moved from 8.0 % to 30.0 %");
    }

    @Test
    void discordGetsAnEmbedWithOneFieldPerItem() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        var channel = AlertEndpoints.createChannel(
                api,
                Map.of("type", "discord", "name", "Discord", "url", AlertEndpoints.url(server, "/api/webhooks/1/tok")));
        assertThat(test(channel.get("id").asString()).get("status").asString()).isEqualTo("succeeded");
        var body =
                JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        var embed = body.get("embeds").get(0);
        assertThat(embed.get("title").asString()).contains("Test of Discord");
        assertThat(embed.get("fields").get(0).get("name").asString()).isEqualTo("payer=Example");
        assertThat(embed.get("color").asInt()).isPositive();
    }

    @Test
    void smsIsAFormPostWithBasicAuthToTheAccountsMessagesResource() throws Exception {
        server.enqueue(
                new MockResponse.Builder().code(201).body("{\"sid\":\"SM1\"}").build());
        var channel = AlertEndpoints.createChannel(
                api,
                Map.of(
                        "type", "sms",
                        "name", "On call",
                        "url", AlertEndpoints.url(server, "/"),
                        "to", List.of("+15551230000"),
                        "from", "+15559870000",
                        "accountSid", "AC42",
                        "authToken", "twilio-token",
                        "template", "{{title}}"));
        assertThat(test(channel.get("id").asString()).get("status").asString()).isEqualTo("succeeded");
        var request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/2010-04-01/Accounts/AC42/Messages.json");
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("AC42:twilio-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        var form = URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8);
        assertThat(form)
                .contains("To=+15551230000")
                .contains("From=+15559870000")
                .contains("Body=[workforce] Test of On call");
    }

    @Test
    void aProviderErrorIsShownOnTheDelivery() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .body("{\"message\":\"The 'To' number is not valid\"}")
                .build());
        var channel = AlertEndpoints.createChannel(
                api,
                Map.of(
                        "type",
                        "sms",
                        "name",
                        "Bad number",
                        "url",
                        AlertEndpoints.url(server, ""),
                        "to",
                        List.of("+15550000000"),
                        "from",
                        "+15559870000",
                        "accountSid",
                        "AC42",
                        "authToken",
                        "t"));
        var delivery = test(channel.get("id").asString());
        assertThat(delivery.get("status").asString()).isEqualTo("dead");
        assertThat(delivery.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(400);
        assertThat(delivery.get("lastError").asString()).contains("not valid");
    }

    private tools.jackson.databind.JsonNode test(String channelId) {
        var response = api.post(BASE + "/channels/" + channelId + "/test", api.tokenFor("admin"), "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
