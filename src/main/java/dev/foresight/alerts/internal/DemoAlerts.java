package dev.foresight.alerts.internal;

import dev.foresight.alerts.AlertEvent;
import dev.foresight.alerts.ChannelType;
import dev.foresight.alerts.Rule;
import dev.foresight.identity.WorkspaceCreated;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: the {@code claims} workspace gets a rule (drift of medium severity or worse) that goes to two channels —
 * a webhook channel pointed at the built-in demo receiver and an e-mail channel that lands in the outbox while no
 * SMTP server is configured. The demo receiver is an in-process delivery target (see {@link DemoReceiver}), not an
 * HTTP call to this server: allowing the server's own address through the SSRF guard, even for one channel, would
 * open a path to everything else listening on it, so the guard stays exactly as strict for real channels.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
class DemoAlerts {

    private static final Logger log = LoggerFactory.getLogger(DemoAlerts.class);

    private final ChannelStore channels;
    private final RuleStore rules;
    private final DemoReceiver receiver;
    private final AlertsProperties properties;

    DemoAlerts(ChannelStore channels, RuleStore rules, DemoReceiver receiver, AlertsProperties properties) {
        this.channels = channels;
        this.rules = rules;
        this.receiver = receiver;
        this.properties = properties;
    }

    @ApplicationModuleListener
    void on(WorkspaceCreated created) {
        if (!created.slug().equals("claims")
                || channels.list(created.workspaceId()).stream().anyMatch(ChannelRecord::demoReceiver)) {
            return;
        }
        var now = Instant.now();
        var webhookId = UUID.randomUUID();
        var secret = WebhookSignatures.newSecret();
        channels.insert(
                new ChannelRecord(
                        webhookId,
                        created.workspaceId(),
                        ChannelType.WEBHOOK,
                        "Demo receiver (signed webhooks)",
                        "/w/" + created.slug() + "/alerts/demo-receiver",
                        new ChannelRecord.Settings(List.of(), null, null, null, null, null, null),
                        null,
                        null,
                        true,
                        null,
                        true,
                        null,
                        now),
                new ChannelRecord.Secrets(secret, null, null, null, null, null),
                "system");
        receiver.register(created.workspaceId(), webhookId, secret);
        var emailId = UUID.randomUUID();
        channels.insert(
                new ChannelRecord(
                        emailId,
                        created.workspaceId(),
                        ChannelType.EMAIL,
                        "Claims team e-mail",
                        null,
                        new ChannelRecord.Settings(
                                List.of("claims-team@example.com"),
                                "foresight@example.com",
                                null,
                                null,
                                null,
                                null,
                                null),
                        null,
                        "{{title}}\n\n{{items}}\n\nMonitor: {{monitor}}",
                        true,
                        null,
                        false,
                        null,
                        now),
                ChannelRecord.Secrets.NONE,
                "system");
        rules.save(
                created.workspaceId(),
                new Rule(
                        UUID.randomUUID(),
                        "Payer drift (medium or worse)",
                        AlertEvent.DRIFT,
                        "medium",
                        null,
                        null,
                        null,
                        null,
                        List.of(webhookId, emailId),
                        properties.groupWait(),
                        properties.groupInterval(),
                        properties.repeatInterval(),
                        true,
                        now),
                false,
                false,
                false,
                "system");
        log.info("Demo: alert rule and channels in workspace {}", created.slug());
    }
}
