package dev.foresight.alerts.internal;

import dev.foresight.alerts.ChannelType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shapes a message for its channel and sends it once: Slack Block Kit, Discord embeds, a Twilio-compatible SMS form,
 * an e-mail, or a Standard Webhooks signed JSON POST. Retrying is the caller's business.
 */
@Component
public class ChannelSender {

    private final OutboundHttp http;
    private final Mailer mailer;
    private final DemoReceiver demoReceiver;
    private final ChannelStore channels;
    private final JsonMapper json;
    private final AlertsProperties properties;

    ChannelSender(
            OutboundHttp http,
            Mailer mailer,
            DemoReceiver demoReceiver,
            ChannelStore channels,
            JsonMapper json,
            AlertsProperties properties) {
        this.http = http;
        this.mailer = mailer;
        this.demoReceiver = demoReceiver;
        this.channels = channels;
        this.json = json;
        this.properties = properties;
    }

    /** One delivery attempt as the sender sees it. */
    public record Outgoing(String messageId, String workspace, Instant createdAt, AlertMessage message) {}

    public SendResult send(ChannelRecord channel, Outgoing outgoing) {
        var secrets = channels.secrets(channel);
        var text = MessageTemplate.render(channel.template(), outgoing.message().fields());
        return switch (channel.type()) {
            case SLACK ->
                http.post(
                        hookUrl(channel, secrets),
                        String.valueOf(channel.url()),
                        "application/json",
                        json.writeValueAsString(slack(outgoing.message(), text)),
                        Map.of());
            case DISCORD ->
                http.post(
                        hookUrl(channel, secrets),
                        String.valueOf(channel.url()),
                        "application/json",
                        json.writeValueAsString(discord(outgoing, text)),
                        Map.of());
            case WEBHOOK -> webhook(channel, secrets, outgoing, text);
            case SMS -> sms(channel, secrets, text);
            case EMAIL -> mailer.send(channel, secrets, outgoing.message().title(), text);
        };
    }

    /** The body a webhook gets: the same on every attempt, so its signature covers the same bytes. */
    public String webhookBody(Outgoing outgoing, String text) {
        var data = new LinkedHashMap<String, Object>();
        data.put("workspace", outgoing.workspace());
        data.put("title", outgoing.message().title());
        data.put("summary", text);
        data.put("items", outgoing.message().items());
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "alert." + outgoing.message().event());
        body.put("timestamp", outgoing.createdAt().toString());
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    private SendResult webhook(ChannelRecord channel, ChannelRecord.Secrets secrets, Outgoing outgoing, String text) {
        var body = webhookBody(outgoing, text);
        var now = Instant.now();
        long timestamp = now.getEpochSecond();
        var signing = secrets.signingSecrets(now);
        if (signing.isEmpty()) {
            return SendResult.failed("POST " + channel.url(), null, "The channel has no signing secret.");
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("webhook-id", outgoing.messageId());
        headers.put("webhook-timestamp", String.valueOf(timestamp));
        headers.put("webhook-signature", WebhookSignatures.header(signing, outgoing.messageId(), timestamp, body));
        if (channel.demoReceiver()) {
            // The demo receiver is an in-process target: the request is built and signed exactly as for a real
            // endpoint, but handed over without a network hop, so no private address ever has to be allowed.
            return demoReceiver.receive(channel, headers, body);
        }
        return http.post(
                String.valueOf(channel.url()), String.valueOf(channel.url()), "application/json", body, headers);
    }

    private SendResult sms(ChannelRecord channel, ChannelRecord.Secrets secrets, String text) {
        var sid = channel.settings().accountSid();
        // a channel may name its own Twilio-compatible provider; otherwise the configured one
        var base = (channel.url() != null ? channel.url() : properties.smsBaseUrl()).replaceAll("/+$", "");
        var url = base + "/2010-04-01/Accounts/" + URLEncoder.encode(String.valueOf(sid), StandardCharsets.UTF_8)
                + "/Messages.json";
        var auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((sid + ":" + secrets.authToken()).getBytes(StandardCharsets.UTF_8));
        var body = text.length() > 1500 ? text.substring(0, 1499) + "…" : text;
        SendResult last = SendResult.failed("POST " + url, null, "The channel has no recipients.");
        for (var to : channel.settings().to()) {
            var form = "To=" + encode(to) + "&From="
                    + encode(String.valueOf(channel.settings().from())) + "&Body=" + encode(body);
            last = http.post(url, url, "application/x-www-form-urlencoded", form, Map.of("Authorization", auth));
            if (!last.succeeded()) {
                return last;
            }
        }
        return last;
    }

    private static String hookUrl(ChannelRecord channel, ChannelRecord.Secrets secrets) {
        return secrets.hookUrl() != null ? secrets.hookUrl() : String.valueOf(channel.url());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map<String, Object> slack(AlertMessage message, String text) {
        var blocks = new ArrayList<Map<String, Object>>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", cut(message.title(), 150))));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(text, 3000))));
        blocks.add(Map.of(
                "type",
                "context",
                "elements",
                List.of(Map.of(
                        "type",
                        "mrkdwn",
                        "text",
                        "Foresight · " + message.fields().getOrDefault("workspace", "")))));
        return Map.of("text", cut(message.title(), 3000), "blocks", blocks);
    }

    static Map<String, Object> discord(Outgoing outgoing, String text) {
        var fields = outgoing.message().items().stream()
                .limit(25)
                .map(item -> Map.<String, Object>of(
                        "name", cut(item.getOrDefault("name", item.getOrDefault("segment", "item")), 256),
                        "value", cut(item.getOrDefault("line", "—"), 1024),
                        "inline", false))
                .collect(Collectors.toList());
        var embed = new LinkedHashMap<String, Object>();
        embed.put("title", cut(outgoing.message().title(), 256));
        embed.put("description", cut(text, 4096));
        embed.put("color", 0xD9534F);
        embed.put("timestamp", outgoing.createdAt().toString());
        embed.put("fields", fields);
        return Map.of("username", "Foresight", "embeds", List.of(embed));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static boolean needsUrl(ChannelType type) {
        return type == ChannelType.SLACK || type == ChannelType.DISCORD || type == ChannelType.WEBHOOK;
    }
}
