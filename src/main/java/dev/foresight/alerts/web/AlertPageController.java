package dev.foresight.alerts.web;

import dev.foresight.alerts.AlertEvent;
import dev.foresight.alerts.Alerts;
import dev.foresight.alerts.ChannelRequest;
import dev.foresight.alerts.ChannelType;
import dev.foresight.alerts.RuleRequest;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.ErrorResponses;
import dev.foresight.shared.InvalidRequestException;
import dev.foresight.shared.RequiresRole;
import dev.foresight.shared.WorkspaceRole;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Alert pages: channels (admins change them), rules, deliveries with attempts and dead letters, outbox, demo inbox. */
@Controller
@RequestMapping("/w/{slug}/alerts")
class AlertPageController {

    private final Alerts alerts;

    AlertPageController(Alerts alerts) {
        this.alerts = alerts;
    }

    /** The sidebar's entry: channels for those who may see them, deliveries for everyone else. */
    @GetMapping
    String start(CurrentWorkspace workspace) {
        return "redirect:/w/" + workspace.slug() + "/alerts/"
                + (workspace.can(WorkspaceRole.MANAGER) ? "channels" : "deliveries");
    }

    @RequiresRole(WorkspaceRole.MANAGER)
    @GetMapping("/channels")
    String channels(CurrentWorkspace workspace, Model model) {
        model.addAttribute("channels", alerts.channels(workspace));
        model.addAttribute("types", ChannelType.values());
        return "alerts/channels";
    }

    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels")
    String createChannel(
            CurrentWorkspace workspace,
            @RequestParam String type,
            @RequestParam String name,
            @RequestParam(required = false) @Nullable String url,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String smtpHost,
            @RequestParam(required = false) @Nullable Integer smtpPort,
            @RequestParam(required = false) @Nullable String smtpUsername,
            @RequestParam(required = false) @Nullable String smtpPassword,
            @RequestParam(required = false) @Nullable String accountSid,
            @RequestParam(required = false) @Nullable String authToken,
            @RequestParam(required = false) @Nullable String template,
            RedirectAttributes redirect) {
        return act(workspace, redirect, "/channels", () -> {
            var channel = alerts.createChannel(
                    workspace,
                    new ChannelRequest(
                            ChannelType.of(type),
                            name,
                            blank(url),
                            to == null || to.isBlank() ? null : Arrays.asList(to.split("[,;\\s]+")),
                            blank(from),
                            blank(smtpHost),
                            smtpPort,
                            blank(smtpUsername),
                            blank(smtpPassword),
                            null,
                            blank(accountSid),
                            blank(authToken),
                            blank(template),
                            true));
            if (channel.secret() != null) {
                redirect.addFlashAttribute("revealedSecret", channel.secret());
            }
            return "Created the channel " + channel.name() + ".";
        });
    }

    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels/{channelId}/test")
    String test(CurrentWorkspace workspace, @PathVariable UUID channelId, RedirectAttributes redirect) {
        return act(workspace, redirect, "/channels", () -> {
            var delivery = alerts.test(workspace, channelId);
            if (!delivery.status().equals("succeeded") && !delivery.status().equals("outbox")) {
                throw new InvalidRequestException("The test failed: " + delivery.lastError());
            }
            return delivery.status().equals("outbox")
                    ? "No SMTP server is configured: the test mail is in the outbox."
                    : "The test was delivered.";
        });
    }

    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels/{channelId}/rotate-secret")
    String rotate(CurrentWorkspace workspace, @PathVariable UUID channelId, RedirectAttributes redirect) {
        return act(workspace, redirect, "/channels", () -> {
            redirect.addFlashAttribute(
                    "revealedSecret", alerts.rotateSecret(workspace, channelId).secret());
            return "Rotated the secret; the old one keeps signing beside it during the overlap.";
        });
    }

    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels/{channelId}/enabled")
    String enable(
            CurrentWorkspace workspace,
            @PathVariable UUID channelId,
            @RequestParam boolean enabled,
            RedirectAttributes redirect) {
        return act(workspace, redirect, "/channels", () -> {
            alerts.updateChannel(
                    workspace,
                    channelId,
                    new ChannelRequest(
                            null, null, null, null, null, null, null, null, null, null, null, null, null, enabled));
            return enabled ? "Enabled the channel." : "Disabled the channel.";
        });
    }

    @RequiresRole(WorkspaceRole.ADMIN)
    @PostMapping("/channels/{channelId}/delete")
    String deleteChannel(CurrentWorkspace workspace, @PathVariable UUID channelId, RedirectAttributes redirect) {
        return act(workspace, redirect, "/channels", () -> {
            alerts.deleteChannel(workspace, channelId);
            return "Deleted the channel.";
        });
    }

    @GetMapping("/rules")
    String rules(CurrentWorkspace workspace, Model model) {
        model.addAttribute("rules", alerts.rules(workspace));
        model.addAttribute("channels", workspace.can(WorkspaceRole.MANAGER) ? alerts.channels(workspace) : List.of());
        model.addAttribute("waiting", alerts.waitingAlerts(workspace));
        return "alerts/rules";
    }

    @PostMapping("/rules")
    String createRule(
            CurrentWorkspace workspace,
            @RequestParam String name,
            @RequestParam String event,
            @RequestParam(required = false) @Nullable String minSeverity,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable UUID monitorId,
            @RequestParam(required = false) @Nullable Double minRejectRate,
            @RequestParam(required = false) @Nullable List<UUID> channels,
            @RequestParam(required = false) @Nullable String groupWait,
            @RequestParam(required = false) @Nullable String groupInterval,
            @RequestParam(required = false) @Nullable String repeatInterval,
            RedirectAttributes redirect) {
        return act(workspace, redirect, "/rules", () -> {
            alerts.createRule(
                    workspace,
                    new RuleRequest(
                            name,
                            AlertEvent.of(event),
                            blank(minSeverity),
                            monitorId,
                            blank(segment),
                            minRejectRate,
                            null,
                            channels,
                            duration("group wait", groupWait),
                            duration("group interval", groupInterval),
                            duration("repeat interval", repeatInterval),
                            true));
            return "Created the rule " + name + ".";
        });
    }

    @PostMapping("/rules/{ruleId}/delete")
    String deleteRule(CurrentWorkspace workspace, @PathVariable UUID ruleId, RedirectAttributes redirect) {
        return act(workspace, redirect, "/rules", () -> {
            alerts.deleteRule(workspace, ruleId);
            return "Deleted the rule.";
        });
    }

    /** The page, or only its rows for the page itself when a delivery changed (an HTMX request). */
    @GetMapping("/deliveries")
    String deliveries(
            CurrentWorkspace workspace,
            @RequestParam(required = false) @Nullable String status,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        model.addAttribute("deliveries", alerts.deliveries(workspace, status, null));
        model.addAttribute("status", status);
        model.addAttribute(
                "channelNames",
                workspace.can(WorkspaceRole.MANAGER)
                        ? alerts.channels(workspace).stream()
                                .collect(java.util.stream.Collectors.toMap(c -> c.id(), c -> c.name()))
                        : java.util.Map.of());
        return htmx != null ? "alerts/deliveries :: rows" : "alerts/deliveries";
    }

    @PostMapping("/deliveries/{deliveryId}/resend")
    String resend(CurrentWorkspace workspace, @PathVariable UUID deliveryId, RedirectAttributes redirect) {
        return act(workspace, redirect, "/deliveries", () -> {
            alerts.resend(workspace, deliveryId);
            return "Queued the delivery again, with the same webhook-id.";
        });
    }

    @RequiresRole(WorkspaceRole.MANAGER)
    @GetMapping("/outbox")
    String outbox(CurrentWorkspace workspace, Model model) {
        model.addAttribute("messages", alerts.outbox(workspace));
        return "alerts/outbox";
    }

    @GetMapping("/demo-receiver")
    String demoReceiver(CurrentWorkspace workspace, Model model) {
        model.addAttribute("receipts", alerts.demoReceipts(workspace));
        return "alerts/demo-receiver";
    }

    private static String act(
            CurrentWorkspace workspace, RedirectAttributes redirect, String page, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("info", action.get());
        } catch (ErrorResponseException invalid) {
            redirect.addFlashAttribute("error", ErrorResponses.detail(invalid));
        }
        return "redirect:/w/" + workspace.slug() + "/alerts" + page;
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable Duration duration(String what, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("The " + what + " is an ISO-8601 duration such as PT30S or PT5M.");
        }
    }
}
