package dev.foresight.alerts;

import dev.foresight.alerts.internal.AlertGroups;
import dev.foresight.alerts.internal.AlertMessage;
import dev.foresight.alerts.internal.AlertsProperties;
import dev.foresight.alerts.internal.ChannelRecord;
import dev.foresight.alerts.internal.ChannelStore;
import dev.foresight.alerts.internal.DeliveryStore;
import dev.foresight.alerts.internal.DeliveryWorker;
import dev.foresight.alerts.internal.DemoReceiver;
import dev.foresight.alerts.internal.MessageTemplate;
import dev.foresight.alerts.internal.OutboundGuard;
import dev.foresight.alerts.internal.RuleStore;
import dev.foresight.alerts.internal.WebhookSignatures;
import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditRecord;
import dev.foresight.drift.DriftSeverity;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.ResourceNotFoundException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alerts module's facade: channels (with sealed secrets and the SSRF guard at save), rules, deliveries with their
 * attempts, the outbox and the demo receiver's inbox. Every change is audited; no answer carries a stored secret.
 */
@Service
public class Alerts {

    private static final Duration MAX_GROUPING = Duration.ofDays(7);

    private final ChannelStore channels;
    private final RuleStore rules;
    private final DeliveryStore deliveries;
    private final DeliveryWorker worker;
    private final AlertGroups groups;
    private final DemoReceiver demoReceiver;
    private final OutboundGuard guard;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final AlertsProperties properties;

    Alerts(
            ChannelStore channels,
            RuleStore rules,
            DeliveryStore deliveries,
            DeliveryWorker worker,
            AlertGroups groups,
            DemoReceiver demoReceiver,
            OutboundGuard guard,
            AuditLog audit,
            JdbcClient jdbc,
            AlertsProperties properties) {
        this.channels = channels;
        this.rules = rules;
        this.deliveries = deliveries;
        this.worker = worker;
        this.groups = groups;
        this.demoReceiver = demoReceiver;
        this.guard = guard;
        this.audit = audit;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    // ---- channels

    public List<Channel> channels(CurrentWorkspace workspace) {
        return channels.list(workspace.id()).stream().map(ChannelRecord::view).toList();
    }

    public Channel channel(CurrentWorkspace workspace, UUID id) {
        return record(workspace, id).view();
    }

    /** Creates a channel; a webhook channel's answer carries its new signing secret, the only time it is shown. */
    @Transactional
    public Channel createChannel(CurrentWorkspace workspace, ChannelRequest request) {
        if (request.type() == null) {
            throw new InvalidRequestException("type is required: email, slack, discord, webhook or sms.");
        }
        var id = UUID.randomUUID();
        var shaped = shape(request.type(), request, null, ChannelRecord.Secrets.NONE);
        String revealed = null;
        var secrets = shaped.secrets();
        if (request.type() == ChannelType.WEBHOOK) {
            revealed = WebhookSignatures.newSecret();
            secrets = new ChannelRecord.Secrets(revealed, null, null, null, null, null);
        }
        var channel = new ChannelRecord(
                id,
                workspace.id(),
                request.type(),
                shaped.name(),
                shaped.url(),
                shaped.settings(),
                null,
                shaped.template(),
                request.enabled() == null || request.enabled(),
                null,
                false,
                null,
                Instant.now());
        channels.insert(channel, secrets, workspace.actor());
        audit(
                workspace,
                "alerts.channel-created",
                id,
                Map.of("type", request.type().json(), "name", shaped.name()));
        var view = channels.find(workspace.id(), id).orElseThrow().view();
        return revealed == null ? view : view.withSecret(revealed);
    }

    @Transactional
    public Channel updateChannel(CurrentWorkspace workspace, UUID id, ChannelRequest request) {
        var existing = record(workspace, id);
        if (request.type() != null && request.type() != existing.type()) {
            throw new InvalidRequestException("A channel's type cannot change; create a new channel.");
        }
        if (existing.demoReceiver() && request.url() != null) {
            throw new InvalidRequestException("The demo receiver's address cannot change.");
        }
        var oldSecrets = channels.secrets(existing);
        var shaped = shape(existing.type(), request, existing, oldSecrets);
        boolean enabled = request.enabled() == null ? existing.enabled() : request.enabled();
        var updated = new ChannelRecord(
                id,
                workspace.id(),
                existing.type(),
                shaped.name(),
                existing.demoReceiver() ? existing.url() : shaped.url(),
                shaped.settings(),
                existing.secretsSealed(),
                shaped.template(),
                enabled,
                enabled ? null : existing.disabledReason(),
                existing.demoReceiver(),
                existing.rotatedAt(),
                existing.createdAt());
        channels.update(updated, shaped.secrets());
        audit(workspace, "alerts.channel-updated", id, Map.of("enabled", enabled));
        return channels.find(workspace.id(), id).orElseThrow().view();
    }

    @Transactional
    public void deleteChannel(CurrentWorkspace workspace, UUID id) {
        var existing = record(workspace, id);
        channels.delete(workspace.id(), id);
        audit(workspace, "alerts.channel-deleted", id, Map.of("name", existing.name()));
    }

    /**
     * A new signing secret for a webhook channel, answered once. The old one keeps signing beside it (both
     * signatures, space-separated) for the configured overlap, so receivers can switch without losing a message.
     */
    @Transactional
    public Channel rotateSecret(CurrentWorkspace workspace, UUID id) {
        var existing = record(workspace, id);
        if (existing.type() != ChannelType.WEBHOOK) {
            throw new InvalidRequestException("Only webhook channels have a signing secret to rotate.");
        }
        var old = channels.secrets(existing);
        var fresh = WebhookSignatures.newSecret();
        var now = Instant.now();
        var secrets = new ChannelRecord.Secrets(
                fresh, old.webhookSecret(), now.plus(properties.rotationOverlap()), null, null, null);
        var rotated = new ChannelRecord(
                id,
                workspace.id(),
                existing.type(),
                existing.name(),
                existing.url(),
                existing.settings(),
                existing.secretsSealed(),
                existing.template(),
                existing.enabled(),
                existing.disabledReason(),
                existing.demoReceiver(),
                now,
                existing.createdAt());
        channels.update(rotated, secrets);
        audit(
                workspace,
                "alerts.secret-rotated",
                id,
                Map.of("overlap", properties.rotationOverlap().toString()));
        return channels.find(workspace.id(), id).orElseThrow().view().withSecret(fresh);
    }

    /** Sends a sample message through the channel now and answers the delivery with its attempt. */
    public Delivery test(CurrentWorkspace workspace, UUID id) {
        var channel = record(workspace, id);
        var item = new LinkedHashMap<String, String>();
        item.put("workspace", workspace.slug());
        item.put("segment", "payer=Example");
        item.put("metric", "rate(status = 'DENIED')");
        item.put("severity", "medium");
        item.put("baseline", "8.0 %");
        item.put("current", "30.0 %");
        item.put("name", "payer=Example");
        item.put("line", "A test from Foresight: this channel works.");
        var message = AlertMessage.of("test", workspace.slug(), "Test of " + channel.name(), List.of(item));
        // due a while from now: this request attempts it at once; the sweeper only if this request died meanwhile
        var deliveryId = deliveries.create(
                workspace.id(), id, null, message, Instant.now().plusSeconds(60));
        audit(workspace, "alerts.channel-tested", id, Map.of());
        worker.attemptNow(deliveryId);
        return deliveries.get(workspace.id(), deliveryId).orElseThrow();
    }

    private record Shaped(
            String name,
            @Nullable String url,
            ChannelRecord.Settings settings,
            ChannelRecord.Secrets secrets,
            @Nullable String template) {}

    /** Validates a request against the type (and the existing channel on a change) and splits public from secret. */
    private Shaped shape(
            ChannelType type,
            ChannelRequest request,
            @Nullable ChannelRecord existing,
            ChannelRecord.Secrets oldSecrets) {
        var name = request.name() != null ? request.name().strip() : existing == null ? "" : existing.name();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidRequestException("name is required (at most 200 characters).");
        }
        var template = request.template() != null
                ? (request.template().isBlank() ? null : request.template())
                : existing == null ? null : existing.template();
        var templateProblem = MessageTemplate.problem(template);
        if (templateProblem != null) {
            throw new InvalidRequestException(templateProblem);
        }
        var old = existing == null
                ? new ChannelRecord.Settings(List.of(), null, null, null, null, null, null)
                : existing.settings();
        var to = request.to() != null
                ? request.to().stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()
                : old.to();
        var settings = new ChannelRecord.Settings(
                to,
                pick(request.from(), old.from()),
                pick(request.smtpHost(), old.smtpHost()),
                request.smtpPort() != null ? request.smtpPort() : old.smtpPort(),
                pick(request.smtpUsername(), old.smtpUsername()),
                request.smtpStartTls() != null ? request.smtpStartTls() : old.smtpStartTls(),
                pick(request.accountSid(), old.accountSid()));
        String url = existing == null ? null : existing.url();
        var secrets = oldSecrets;
        switch (type) {
            case SLACK, DISCORD, WEBHOOK -> {
                if (request.url() != null || existing == null) {
                    checkUrl(request.url());
                    var given = request.url().strip();
                    if (type == ChannelType.WEBHOOK) {
                        url = given;
                    } else {
                        // a chat hook's path is its token: keep the URL sealed, show only where it points
                        url = redact(given);
                        secrets = withHook(secrets, given);
                    }
                }
            }
            case EMAIL -> {
                if (to.isEmpty() || to.size() > 20 || to.stream().anyMatch(a -> !a.matches("[^@\\s]+@[^@\\s]+"))) {
                    throw new InvalidRequestException("to lists 1 to 20 e-mail addresses.");
                }
                if (settings.smtpHost() != null && !settings.smtpHost().isBlank()) {
                    checkHost(settings.smtpHost());
                    if (settings.smtpPort() != null && (settings.smtpPort() < 1 || settings.smtpPort() > 65535)) {
                        throw new InvalidRequestException("smtpPort must be between 1 and 65535.");
                    }
                }
                if (request.smtpPassword() != null) {
                    secrets = new ChannelRecord.Secrets(null, null, null, request.smtpPassword(), null, null);
                }
            }
            case SMS -> {
                if (to.isEmpty() || to.size() > 20 || to.stream().anyMatch(n -> !n.matches("\\+?[0-9 ()-]{5,20}"))) {
                    throw new InvalidRequestException("to lists 1 to 20 phone numbers, e.g. +15551234567.");
                }
                if (request.url() != null && !request.url().isBlank()) {
                    checkUrl(request.url());
                    url = request.url().strip();
                }
                if (settings.from() == null || settings.accountSid() == null) {
                    throw new InvalidRequestException("from and accountSid are required for SMS.");
                }
                if (request.authToken() != null) {
                    secrets = new ChannelRecord.Secrets(null, null, null, null, request.authToken(), null);
                } else if (oldSecrets.authToken() == null) {
                    throw new InvalidRequestException("authToken is required for SMS.");
                }
            }
        }
        return new Shaped(name, url, settings, secrets, template);
    }

    private void checkUrl(@Nullable String url) {
        try {
            guard.checkUrl(url);
        } catch (OutboundGuard.RefusedTarget refused) {
            throw new InvalidRequestException(refused.getMessage());
        }
    }

    private void checkHost(String host) {
        try {
            guard.checkHost(host);
        } catch (OutboundGuard.RefusedTarget refused) {
            throw new InvalidRequestException(refused.getMessage());
        }
    }

    private static ChannelRecord.Secrets withHook(ChannelRecord.Secrets secrets, String hookUrl) {
        return new ChannelRecord.Secrets(null, null, null, null, null, hookUrl);
    }

    static String redact(String url) {
        var uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
    }

    private static @Nullable String pick(@Nullable String given, @Nullable String old) {
        if (given == null) {
            return old;
        }
        return given.isBlank() ? null : given.strip();
    }

    private ChannelRecord record(CurrentWorkspace workspace, UUID id) {
        return channels.find(workspace.id(), id).orElseThrow(() -> new ResourceNotFoundException("Channel " + id));
    }

    // ---- rules

    public List<Rule> rules(CurrentWorkspace workspace) {
        return rules.list(workspace.id());
    }

    public Rule rule(CurrentWorkspace workspace, UUID id) {
        return rules.find(workspace.id(), id).orElseThrow(() -> new ResourceNotFoundException("Rule " + id));
    }

    @Transactional
    public Rule createRule(CurrentWorkspace workspace, RuleRequest request) {
        var rule = shapeRule(workspace, UUID.randomUUID(), request, null);
        save(workspace, rule, request, null);
        audit(
                workspace,
                "alerts.rule-created",
                rule.id(),
                Map.of("name", rule.name(), "event", rule.event().json()));
        return rule(workspace, rule.id());
    }

    @Transactional
    public Rule updateRule(CurrentWorkspace workspace, UUID id, RuleRequest request) {
        var existing = rule(workspace, id);
        var rule = shapeRule(workspace, id, request, existing);
        save(workspace, rule, request, existing);
        audit(workspace, "alerts.rule-updated", id, Map.of("name", rule.name()));
        return rule(workspace, id);
    }

    @Transactional
    public void deleteRule(CurrentWorkspace workspace, UUID id) {
        var existing = rule(workspace, id);
        rules.delete(workspace.id(), id);
        audit(workspace, "alerts.rule-deleted", id, Map.of("name", existing.name()));
    }

    private void save(CurrentWorkspace workspace, Rule rule, RuleRequest request, @Nullable Rule existing) {
        boolean wait = request.groupWait() != null
                || (existing != null && !existing.groupWait().equals(properties.groupWait()));
        boolean interval = request.groupInterval() != null
                || (existing != null && !existing.groupInterval().equals(properties.groupInterval()));
        boolean repeat = request.repeatInterval() != null
                || (existing != null && !existing.repeatInterval().equals(properties.repeatInterval()));
        rules.save(workspace.id(), rule, wait, interval, repeat, workspace.actor());
    }

    private Rule shapeRule(CurrentWorkspace workspace, UUID id, RuleRequest request, @Nullable Rule existing) {
        var name = request.name() != null ? request.name().strip() : existing == null ? "" : existing.name();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidRequestException("name is required (at most 200 characters).");
        }
        var event = request.event() != null ? request.event() : existing == null ? null : existing.event();
        if (event == null) {
            throw new InvalidRequestException("event is required: drift, quality or execution-failed.");
        }
        var channelIds = request.channels() != null
                ? List.copyOf(new LinkedHashSet<>(request.channels()))
                : existing == null ? List.<UUID>of() : existing.channels();
        if (channelIds.isEmpty()) {
            throw new InvalidRequestException("channels lists at least one channel id.");
        }
        for (var channelId : channelIds) {
            if (channels.find(workspace.id(), channelId).isEmpty()) {
                throw new InvalidRequestException("There is no channel " + channelId + " in this workspace.");
            }
        }
        String minSeverity = null;
        Double minRejectRate = null;
        if (event == AlertEvent.DRIFT) {
            var given = request.minSeverity() != null
                    ? request.minSeverity()
                    : existing != null && existing.minSeverity() != null ? existing.minSeverity() : "low";
            try {
                minSeverity = DriftSeverity.valueOf(given.strip().toUpperCase(Locale.ROOT))
                        .name()
                        .toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("minSeverity must be low, medium or high.");
            }
        }
        if (event == AlertEvent.QUALITY) {
            minRejectRate = request.minRejectRate() != null
                    ? request.minRejectRate()
                    : existing != null && existing.minRejectRate() != null ? existing.minRejectRate() : 5.0;
            if (minRejectRate < 0 || minRejectRate > 100) {
                throw new InvalidRequestException("minRejectRate is a percentage between 0 and 100.");
            }
        }
        var groupWait = duration(
                "groupWait", request.groupWait(), existing == null ? properties.groupWait() : existing.groupWait());
        var groupInterval = duration(
                "groupInterval",
                request.groupInterval(),
                existing == null ? properties.groupInterval() : existing.groupInterval());
        var repeatInterval = duration(
                "repeatInterval",
                request.repeatInterval(),
                existing == null ? properties.repeatInterval() : existing.repeatInterval());
        return new Rule(
                id,
                name,
                event,
                minSeverity,
                event == AlertEvent.DRIFT
                        ? pickId(request.monitorId(), existing == null ? null : existing.monitorId())
                        : null,
                event == AlertEvent.DRIFT
                        ? pick(request.segment(), existing == null ? null : existing.segment())
                        : null,
                minRejectRate,
                event == AlertEvent.QUALITY
                        ? pickId(request.datasetId(), existing == null ? null : existing.datasetId())
                        : null,
                channelIds,
                groupWait,
                groupInterval,
                repeatInterval,
                request.enabled() != null ? request.enabled() : existing == null || existing.enabled(),
                existing == null ? Instant.now() : existing.createdAt());
    }

    private static @Nullable UUID pickId(@Nullable UUID given, @Nullable UUID old) {
        return given != null ? given : old;
    }

    private static Duration duration(String field, @Nullable Duration given, Duration fallback) {
        var value = given == null ? fallback : given;
        if (value.isNegative() || value.compareTo(MAX_GROUPING) > 0) {
            throw new InvalidRequestException(field + " must be between PT0S and P7D.");
        }
        return value;
    }

    /** How many alerts wait in open groups. */
    public int waitingAlerts(CurrentWorkspace workspace) {
        return groups.waiting(workspace.id());
    }

    // ---- deliveries

    public List<Delivery> deliveries(CurrentWorkspace workspace, @Nullable String status, @Nullable UUID channelId) {
        var normalized =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (normalized != null
                && !List.of("PENDING", "RETRYING", "SUCCEEDED", "OUTBOX", "DEAD")
                        .contains(normalized)) {
            throw new InvalidRequestException("status must be pending, retrying, succeeded, outbox or dead.");
        }
        return deliveries.list(workspace.id(), normalized, channelId, 200);
    }

    public Delivery delivery(CurrentWorkspace workspace, UUID id) {
        return deliveries.get(workspace.id(), id).orElseThrow(() -> new ResourceNotFoundException("Delivery " + id));
    }

    /** Sends a finished delivery again, with the same message id, on a fresh schedule. */
    @Transactional
    public Delivery resend(CurrentWorkspace workspace, UUID id) {
        var delivery = delivery(workspace, id);
        if (!deliveries.resend(workspace.id(), id)) {
            throw new InvalidRequestException(
                    org.springframework.http.HttpStatus.CONFLICT,
                    "This delivery is " + delivery.status() + "; only finished deliveries can be sent again.");
        }
        audit(workspace, "alerts.delivery-resent", id, Map.of("messageId", delivery.messageId()));
        return delivery(workspace, id);
    }

    // ---- outbox and demo receiver

    public List<OutboxMessage> outbox(CurrentWorkspace workspace) {
        return jdbc.sql("select * from alert_outbox where workspace_id = ? order by created_at desc limit 200")
                .param(workspace.id())
                .query((rs, n) -> new OutboxMessage(
                        rs.getObject("id", UUID.class),
                        rs.getObject("delivery_id", UUID.class),
                        rs.getString("recipients"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public List<DemoReceipt> demoReceipts(CurrentWorkspace workspace) {
        return demoReceiver.receipts(workspace.id());
    }

    private void audit(CurrentWorkspace workspace, String action, UUID id, Map<String, ?> details) {
        audit.record(AuditRecord.of(workspace.id(), workspace.actor(), action)
                .entity(
                        action.contains("rule")
                                ? "alert-rule"
                                : action.contains("delivery") ? "alert-delivery" : "alert-channel",
                        id)
                .details(details));
    }
}
