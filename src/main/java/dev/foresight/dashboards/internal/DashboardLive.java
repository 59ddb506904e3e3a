package dev.foresight.dashboards.internal;

import dev.foresight.dashboards.DashboardChanged;
import dev.foresight.dashboards.DashboardProperties;
import dev.foresight.identity.Callers;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * The live side of a dashboard, on {@code /topic/workspace.<slug>.dashboard.<id>}: who is viewing it (from the
 * subscriptions the live channel's guard let through) and every saved change, sent once it is committed.
 */
@Component
public class DashboardLive implements DisposableBean {

    private static final Pattern TOPIC =
            Pattern.compile("/topic/workspace\\.([a-z0-9-]{1,40})\\.dashboard\\.([0-9a-f-]{36})");

    private record Viewer(String topic, String username) {}

    private final SimpMessagingTemplate live;
    private final DashboardProperties properties;
    /** Per STOMP session, per subscription id: which dashboard topic, for whom. */
    private final Map<String, Map<String, Viewer>> sessions = new ConcurrentHashMap<>();

    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "dashboard-presence");
        thread.setDaemon(true);
        return thread;
    });

    DashboardLive(SimpMessagingTemplate live, DashboardProperties properties) {
        this.live = live;
        this.properties = properties;
    }

    public static String topic(String workspace, UUID dashboardId) {
        return "/topic/workspace." + workspace + ".dashboard." + dashboardId;
    }

    /** The people viewing a dashboard now, by username, each once. */
    public List<String> viewers(String workspace, UUID dashboardId) {
        var topic = topic(workspace, dashboardId);
        return sessions.values().stream()
                .flatMap(subscriptions -> subscriptions.values().stream())
                .filter(viewer -> viewer.topic().equals(topic))
                .map(Viewer::username)
                .distinct()
                .sorted()
                .toList();
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        var stomp = StompHeaderAccessor.wrap(event.getMessage());
        var destination = stomp.getDestination();
        var username = username(event.getUser());
        if (destination == null
                || username == null
                || stomp.getSessionId() == null
                || stomp.getSubscriptionId() == null
                || !TOPIC.matcher(destination).matches()) {
            return;
        }
        sessions.computeIfAbsent(stomp.getSessionId(), id -> new ConcurrentHashMap<>())
                .put(stomp.getSubscriptionId(), new Viewer(destination, username));
        announce(destination);
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        var stomp = StompHeaderAccessor.wrap(event.getMessage());
        var subscriptions = stomp.getSessionId() == null ? null : sessions.get(stomp.getSessionId());
        if (subscriptions != null && stomp.getSubscriptionId() != null) {
            var gone = subscriptions.remove(stomp.getSubscriptionId());
            if (gone != null) {
                announce(gone.topic());
            }
        }
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        var subscriptions = sessions.remove(event.getSessionId());
        if (subscriptions != null) {
            subscriptions.values().stream().map(Viewer::topic).distinct().forEach(this::announce);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DashboardChanged changed) {
        var message = new LinkedHashMap<String, @Nullable Object>();
        message.put("type", changed.dashboard() == null ? "deleted" : "dashboard");
        message.put("by", changed.by());
        message.put(
                "version",
                changed.dashboard() == null ? null : changed.dashboard().version());
        message.put("dashboard", changed.dashboard());
        live.convertAndSend(topic(changed.workspace(), changed.dashboardId()), (Object) message);
    }

    private void announce(String topic) {
        // A little later: the newcomer's own subscription must be in the broker when the announcement goes out.
        announcer.schedule(
                () -> {
                    var matcher = TOPIC.matcher(topic);
                    if (matcher.matches()) {
                        live.convertAndSend(topic, (Object) Map.of(
                                "type",
                                "presence",
                                "viewers",
                                viewers(matcher.group(1), UUID.fromString(matcher.group(2)))));
                    }
                },
                properties.presenceDelay().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static @Nullable String username(@Nullable Principal user) {
        if (user instanceof Authentication authentication) {
            return Callers.username(authentication);
        }
        return user == null ? null : user.getName();
    }

    @Override
    public void destroy() {
        announcer.shutdownNow();
    }
}
