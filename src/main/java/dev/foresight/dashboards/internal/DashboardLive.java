package dev.foresight.dashboards.internal;

import dev.foresight.dashboards.DashboardChanged;
import dev.foresight.dashboards.DashboardProperties;
import dev.foresight.identity.Callers;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * subscriptions the live channel's guard let through) and every saved change, sent once it is committed. Viewers are
 * kept in the shared database, not in this node's memory, so with several nodes behind the broker each sees all.
 */
@Component
public class DashboardLive implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DashboardLive.class);

    private static final Pattern TOPIC = Pattern.compile(
            "/topic/workspace\\.([a-z0-9-]{1,40})\\.dashboard\\.([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})");

    /** The most dashboards one connection is counted as viewing: a client subscribing in a loop fills no table. */
    static final int MAX_PER_SESSION = 20;

    private final SimpMessagingTemplate live;
    private final DashboardProperties properties;
    private final DashboardViewers viewers;
    /** STOMP session ids are only unique on one node: the rows carry the node's id beside them. */
    private final String node = UUID.randomUUID().toString();

    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "dashboard-presence");
        thread.setDaemon(true);
        return thread;
    });

    DashboardLive(SimpMessagingTemplate live, DashboardProperties properties, DashboardViewers viewers) {
        this.live = live;
        this.properties = properties;
        this.viewers = viewers;
        var beat = properties.presenceHeartbeat().toMillis();
        announcer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    public static String topic(String workspace, UUID dashboardId) {
        return "/topic/workspace." + workspace + ".dashboard." + dashboardId;
    }

    /** The people viewing a dashboard now, by username, each once. */
    public List<String> viewers(String workspace, UUID dashboardId) {
        return viewers.usernames(new DashboardViewers.Watched(workspace, dashboardId), properties.presenceTimeout());
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        var stomp = StompHeaderAccessor.wrap(event.getMessage());
        var destination = stomp.getDestination();
        var username = username(event.getUser());
        var matcher = destination == null ? null : TOPIC.matcher(destination);
        if (matcher == null
                || !matcher.matches()
                || username == null
                || stomp.getSessionId() == null
                || stomp.getSubscriptionId() == null) {
            return;
        }
        if (viewers.countSession(node, stomp.getSessionId()) >= MAX_PER_SESSION) {
            log.debug(
                    "Presence of session {} not recorded: already {} dashboards",
                    stomp.getSessionId(),
                    MAX_PER_SESSION);
            return;
        }
        var watched = new DashboardViewers.Watched(matcher.group(1), UUID.fromString(matcher.group(2)));
        viewers.add(node, stomp.getSessionId(), stomp.getSubscriptionId(), watched, username);
        announce(watched);
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        var stomp = StompHeaderAccessor.wrap(event.getMessage());
        if (stomp.getSessionId() != null && stomp.getSubscriptionId() != null) {
            viewers.remove(node, stomp.getSessionId(), stomp.getSubscriptionId())
                    .ifPresent(this::announce);
        }
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        viewers.removeSession(node, event.getSessionId()).forEach(this::announce);
    }

    /** Vouches for this node's viewers, and lets go of those of nodes that stopped without a word. */
    void heartbeat() {
        try {
            viewers.heartbeat(node);
            viewers.expire(properties.presenceTimeout()).forEach(this::announce);
        } catch (RuntimeException e) {
            // The database was away for a moment: the next beat tries again, and the rows outlive a few misses.
            log.warn("Dashboard presence heartbeat failed: {}", e.getMessage());
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

    private void announce(DashboardViewers.Watched watched) {
        // A little later: the newcomer's own subscription must be in the broker when the announcement goes out.
        announcer.schedule(
                () -> live.convertAndSend(topic(watched.workspace(), watched.dashboardId()), (Object)
                        Map.of("type", "presence", "viewers", viewers(watched.workspace(), watched.dashboardId()))),
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
        try {
            viewers.removeNode(node);
        } catch (RuntimeException e) {
            log.debug("Dashboard viewers of this node left to expire: {}", e.getMessage());
        }
    }
}
