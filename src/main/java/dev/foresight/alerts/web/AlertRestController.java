package dev.foresight.alerts.web;

import dev.foresight.alerts.Alerts;
import dev.foresight.alerts.Channel;
import dev.foresight.alerts.ChannelRequest;
import dev.foresight.alerts.Delivery;
import dev.foresight.alerts.DemoReceipt;
import dev.foresight.alerts.OutboxMessage;
import dev.foresight.alerts.Rule;
import dev.foresight.alerts.RuleRequest;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert channels (ADMIN; managers may list them to build rules), rules (MANAGER to change, VIEWER to read),
 * deliveries (VIEWER reads — they hold no secret — MANAGER resends), the outbox (MANAGER: it shows recipients) and
 * the demo receiver's inbox (VIEWER).
 */
@Tag(name = "Alerts", description = "Channels, rules, deliveries with their attempts, outbox")
@RestController
@RequestMapping("/api/v1/workspaces/{slug}/alerts")
class AlertRestController {

    private final Alerts alerts;

    AlertRestController(Alerts alerts) {
        this.alerts = alerts;
    }

    @Operation(summary = "The workspace's channels; secrets are never shown, chat hook URLs only by their origin")
    @RequiresRole(WorkspaceRole.MANAGER)
    @GetMapping("/channels")
    List<Channel> channels(CurrentWorkspace workspace) {
        return alerts.channels(workspace);
    }

    @Operation(summary = "One channel")
    @RequiresRole(WorkspaceRole.MANAGER)
    @GetMapping("/channels/{channelId}")
    Channel channel(CurrentWorkspace workspace, @PathVariable UUID channelId) {
        return alerts.channel(workspace, channelId);
    }

    @Operation(
            summary = "Creates a channel: {\"type\":\"email|slack|discord|webhook|sms\",\"name\",\"url\",…}. A URL"
                    + " that names or resolves to a private address is refused (400). A webhook channel's answer"
                    + " carries its signing secret, once")
    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels")
    ResponseEntity<Channel> createChannel(CurrentWorkspace workspace, @RequestBody ChannelRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(alerts.createChannel(workspace, request));
    }

    @Operation(summary = "Changes a channel; fields left out are kept, secrets left out too; enabled=true re-enables")
    @RequiresRole(WorkspaceRole.ADMIN)
    @PutMapping("/channels/{channelId}")
    Channel updateChannel(
            CurrentWorkspace workspace, @PathVariable UUID channelId, @RequestBody ChannelRequest request) {
        return alerts.updateChannel(workspace, channelId, request);
    }

    @Operation(summary = "Deletes a channel and its deliveries")
    @RequiresRole(WorkspaceRole.ADMIN)
    @DeleteMapping("/channels/{channelId}")
    ResponseEntity<Void> deleteChannel(CurrentWorkspace workspace, @PathVariable UUID channelId) {
        alerts.deleteChannel(workspace, channelId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Sends a sample message now; answers the delivery with its attempt")
    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels/{channelId}/test")
    Delivery test(CurrentWorkspace workspace, @PathVariable UUID channelId) {
        return alerts.test(workspace, channelId);
    }

    @Operation(
            summary = "A new signing secret for a webhook channel, answered once; the old one keeps signing beside"
                    + " it during the overlap")
    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels/{channelId}/rotate-secret")
    Channel rotate(CurrentWorkspace workspace, @PathVariable UUID channelId) {
        return alerts.rotateSecret(workspace, channelId);
    }

    @Operation(summary = "The workspace's alert rules")
    @GetMapping("/rules")
    List<Rule> rules(CurrentWorkspace workspace) {
        return alerts.rules(workspace);
    }

    @Operation(summary = "One rule")
    @GetMapping("/rules/{ruleId}")
    Rule rule(CurrentWorkspace workspace, @PathVariable UUID ruleId) {
        return alerts.rule(workspace, ruleId);
    }

    @Operation(
            summary = "Creates a rule: {\"name\",\"event\":\"drift|quality|execution-failed\",\"minSeverity\","
                    + "\"channels\":[channelId],\"groupWait\",\"groupInterval\",\"repeatInterval\",…}")
    @PostMapping("/rules")
    ResponseEntity<Rule> createRule(CurrentWorkspace workspace, @RequestBody RuleRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(alerts.createRule(workspace, request));
    }

    @Operation(summary = "Changes a rule; fields left out are kept")
    @PutMapping("/rules/{ruleId}")
    Rule updateRule(CurrentWorkspace workspace, @PathVariable UUID ruleId, @RequestBody RuleRequest request) {
        return alerts.updateRule(workspace, ruleId, request);
    }

    @Operation(summary = "Deletes a rule")
    @DeleteMapping("/rules/{ruleId}")
    ResponseEntity<Void> deleteRule(CurrentWorkspace workspace, @PathVariable UUID ruleId) {
        alerts.deleteRule(workspace, ruleId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Deliveries, newest first, with every attempt; filter by status (dead for dead letters)")
    @GetMapping("/deliveries")
    List<Delivery> deliveries(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable UUID channelId) {
        return alerts.deliveries(workspace, status, channelId);
    }

    @Operation(summary = "One delivery with its attempts")
    @GetMapping("/deliveries/{deliveryId}")
    Delivery delivery(CurrentWorkspace workspace, @PathVariable UUID deliveryId) {
        return alerts.delivery(workspace, deliveryId);
    }

    @Operation(summary = "Sends a finished (e.g. dead-lettered) delivery again with the same webhook-id")
    @PostMapping("/deliveries/{deliveryId}/resend")
    ResponseEntity<Delivery> resend(CurrentWorkspace workspace, @PathVariable UUID deliveryId) {
        return ResponseEntity.accepted().body(alerts.resend(workspace, deliveryId));
    }

    @Operation(summary = "E-mail kept because no SMTP server is configured")
    @RequiresRole(WorkspaceRole.MANAGER)
    @GetMapping("/outbox")
    List<OutboxMessage> outbox(CurrentWorkspace workspace) {
        return alerts.outbox(workspace);
    }

    @Operation(summary = "What the built-in demo receiver got, and whether each signature verified")
    @GetMapping("/demo-receiver")
    List<DemoReceipt> demoReceipts(CurrentWorkspace workspace) {
        return alerts.demoReceipts(workspace);
    }
}
