package dev.foresight.alerts;

import static dev.foresight.alerts.AlertEndpoints.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** E-mail through a real SMTP server (GreenMail), one that refuses, one that is not there, and the outbox. */
@ForesightTest
class EmailChannelTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(
                    GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "right-password"));

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
    void aTestMailIsDeliveredOverSmtp() throws Exception {
        var channel = mailChannel("Team", smtp.getSmtp().getPort(), "right-password");
        var delivery = test(channel);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("succeeded");
        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).contains("Test of Team");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("team@example.com");
        assertThat(delivery.get("attempts").get(0).get("request").asString())
                .contains("SMTP 127.0.0.1:" + smtp.getSmtp().getPort())
                .doesNotContain("right-password");
    }

    @Test
    void anSmtpServerThatRefusesTheSignInIsShownOnTheDelivery() {
        var delivery = test(mailChannel("Wrong password", smtp.getSmtp().getPort(), "wrong-password"));
        assertThat(delivery.get("status").asString()).isEqualTo("dead");
        assertThat(delivery.get("lastError").asString()).contains("refused the sign-in");
        assertThat(delivery.toString()).doesNotContain("wrong-password");
    }

    @Test
    void anSmtpServerThatIsNotThereIsShownOnTheDelivery() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var delivery = test(mailChannel("Nobody home", closed, "x"));
        assertThat(delivery.get("status").asString()).isEqualTo("dead");
        assertThat(delivery.get("lastError").asString()).contains("The SMTP server refused");
    }

    @Test
    void withoutSmtpTheMailLandsInTheOutbox() {
        var created = api.post(
                BASE + "/channels",
                api.tokenFor("admin"),
                Api.json(Map.of("type", "email", "name", "Outbox only", "to", List.of("ops@example.com"))));
        var delivery = test(created.json().get("id").asString());
        assertThat(delivery.get("status").asString()).isEqualTo("outbox");
        var outbox = api.get(BASE + "/outbox", api.tokenFor("manager"));
        assertThat(outbox.status()).isEqualTo(200);
        var first = outbox.json().get(0);
        assertThat(first.get("recipients").asString()).isEqualTo("ops@example.com");
        assertThat(first.get("subject").asString()).contains("Test of Outbox only");
        assertThat(first.get("deliveryId").asString())
                .isEqualTo(delivery.get("id").asString());
        assertThat(api.get(BASE + "/outbox", api.tokenFor("viewer")).status()).isEqualTo(403);
    }

    private String mailChannel(String name, int smtpPort, String password) {
        var response = api.post(
                BASE + "/channels",
                api.tokenFor("admin"),
                Api.json(Map.of(
                        "type",
                        "email",
                        "name",
                        name,
                        "to",
                        List.of("team@example.com"),
                        "from",
                        "alerts@example.com",
                        "smtpHost",
                        "127.0.0.1",
                        "smtpPort",
                        smtpPort,
                        "smtpUsername",
                        "alerts",
                        "smtpPassword",
                        password)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private JsonNode test(String channelId) {
        var response = api.post(BASE + "/channels/" + channelId + "/test", api.tokenFor("admin"), "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
