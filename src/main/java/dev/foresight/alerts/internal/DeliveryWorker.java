package dev.foresight.alerts.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. Every sweep flushes due groups into deliveries, then claims due deliveries with a lease and
 * attempts each on a virtual thread, so a hanging endpoint holds up only itself. A failure is retried on the
 * configured schedule with jitter (429 and 503 wait as long as Retry-After says), a 410 disables the channel, and a
 * delivery whose attempts are exhausted is dead-lettered. The due times live in the database, so a restart loses
 * nothing: an expired lease makes its delivery due again.
 */
@Component
public class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final DeliveryStore deliveries;
    private final ChannelStore channels;
    private final ChannelSender sender;
    private final AlertGroups groups;
    private final AlertsProperties properties;
    private final SimpMessagingTemplate live;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

    DeliveryWorker(
            DeliveryStore deliveries,
            ChannelStore channels,
            ChannelSender sender,
            AlertGroups groups,
            AlertsProperties properties,
            SimpMessagingTemplate live) {
        this.live = live;
        this.deliveries = deliveries;
        this.channels = channels;
        this.sender = sender;
        this.groups = groups;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${foresight.alerts.sweep-interval:PT1S}", initialDelayString = "PT2S")
    void sweep() {
        try {
            groups.flushDue(Instant.now());
            var now = Instant.now();
            for (var id : deliveries.claimDue(now, now.plus(lease()), 50)) {
                attempts.submit(() -> attempt(id));
            }
        } catch (RuntimeException e) {
            log.warn("Alert sweep failed; the next one tries again", e);
        }
    }

    /** Claims and attempts one delivery now, in the caller's thread (send test); false when someone else holds it. */
    public boolean attemptNow(UUID id) {
        var now = Instant.now();
        if (!deliveries.claim(id, now, now.plus(lease()))) {
            return false;
        }
        attempt(id);
        return true;
    }

    private Duration lease() {
        return properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(30);
    }

    void attempt(UUID id) {
        var row = deliveries.find(id).orElse(null);
        if (row == null) {
            return;
        }
        try {
            var channel = channels.find(row.channelId()).orElse(null);
            if (channel == null) {
                settle(row, "DEAD", row.attemptCount(), null, "The channel was deleted.");
                return;
            }
            if (!channel.enabled()) {
                settle(
                        row,
                        "DEAD",
                        row.attemptCount(),
                        null,
                        "The channel is disabled"
                                + (channel.disabledReason() == null ? "." : ": " + channel.disabledReason()));
                return;
            }
            var at = Instant.now();
            long start = System.nanoTime();
            SendResult result;
            Mailer.DELIVERY.set(id);
            try {
                result = sender.send(
                        channel,
                        new ChannelSender.Outgoing(
                                row.messageId(),
                                row.message().fields().getOrDefault("workspace", ""),
                                row.createdAt(),
                                row.message()));
            } catch (RuntimeException e) {
                log.warn("Sending delivery {} broke", id, e);
                result = SendResult.failed(
                        "send", null, "Internal error: " + e.getClass().getSimpleName());
            } finally {
                Mailer.DELIVERY.remove();
            }
            long latency = (System.nanoTime() - start) / 1_000_000;
            deliveries.recordAttempt(id, at, result, latency);
            int count = row.attemptCount() + 1;
            if (result.outbox()) {
                settle(row, "OUTBOX", count, null, null);
            } else if (result.succeeded()) {
                settle(row, "SUCCEEDED", count, null, null);
            } else if (result.gone()) {
                var reason = "The endpoint answered 410 Gone at " + WHEN.format(at)
                        + "; enable the channel again once it is fixed.";
                channels.disable(channel.id(), reason);
                settle(row, "DEAD", count, null, "410 Gone: the channel was disabled.");
            } else if (row.eventType().equals("test")
                    || count >= properties.retrySchedule().size()) {
                var error = row.eventType().equals("test")
                        ? result.error()
                        : "Gave up after " + count + " attempts: " + result.error();
                settle(row, "DEAD", count, null, error);
            } else {
                var next = at.plusMillis(latency).plus(delay(count, result));
                settle(row, "RETRYING", count, next, result.error());
            }
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is tried again: nothing is lost
            log.warn("Delivery {} could not be settled; it will be retried", id, e);
        }
    }

    /**
     * Settles the delivery and tells the browsers of its workspace, so the deliveries page follows without reloading.
     * The notice is transient, like execution progress: a page opened later reads the list.
     */
    private void settle(
            DeliveryStore.Row row, String status, int count, @Nullable Instant next, @Nullable String error) {
        deliveries.settle(row.id(), status, count, next, error);
        var workspace = row.message().fields().getOrDefault("workspace", "");
        if (!workspace.isEmpty()) {
            try {
                live.convertAndSend("/topic/workspace." + workspace + ".alerts", (Object)
                        Map.of("delivery", row.id().toString(), "status", status.toLowerCase(Locale.ROOT)));
            } catch (MessagingException e) {
                log.debug("Could not tell the browsers of delivery {}", row.id(), e);
            }
        }
    }

    /** The wait before attempt {@code count + 1}: Retry-After for 429/503 when given, else the schedule with jitter. */
    Duration delay(int count, SendResult result) {
        @Nullable Duration retryAfter = result.retryAfter();
        var code = result.statusCode();
        if (retryAfter != null && code != null && (code == 429 || code == 503)) {
            return retryAfter;
        }
        var base = properties.retrySchedule().get(count);
        double jitter = properties.retryJitter() == 0
                ? 0
                : ThreadLocalRandom.current().nextDouble(-properties.retryJitter(), properties.retryJitter());
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * (1 + jitter))));
    }

    @Override
    public void destroy() {
        attempts.shutdownNow();
    }
}
