package dev.foresight.dashboards.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.dashboards.DashboardProperties;
import dev.foresight.support.ForesightTest;
import java.security.Principal;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Presence across nodes: a second node (a second {@link DashboardLive} on the same database, as a second application
 * behind the broker has) sees the first one's viewers and the first sees its, STOMP session ids that repeat across
 * nodes do not clash, and the viewers of a node that stopped without a word expire.
 */
@ForesightTest
class DashboardPresenceTests {

    @Autowired
    DashboardLive nodeA;

    @Autowired
    SimpMessagingTemplate broker;

    @Autowired
    DashboardProperties properties;

    @Autowired
    DashboardViewers viewers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void viewersOnEveryNodeAreSeenOnEveryNode() {
        var nodeB = new DashboardLive(broker, properties, viewers);
        var dashboard = UUID.randomUUID();
        // Both nodes number their sessions alike: the same session and subscription ids on each.
        var first = "test-" + UUID.randomUUID();
        var second = "test-" + UUID.randomUUID();
        try {
            nodeA.on(subscribe(first, "sub-0", dashboard, "manager"));
            nodeB.on(subscribe(first, "sub-0", dashboard, "viewer"));
            nodeB.on(subscribe(second, "sub-0", dashboard, "viewer"));

            assertThat(nodeA.viewers("workforce", dashboard)).containsExactly("manager", "viewer");
            assertThat(nodeB.viewers("workforce", dashboard)).containsExactly("manager", "viewer");
            assertThat(nodeA.viewers("workforce", UUID.randomUUID())).isEmpty();

            // The viewer closes one tab on node B: still there in the other; then that one goes too.
            nodeB.on(disconnect(first));
            assertThat(nodeA.viewers("workforce", dashboard)).containsExactly("manager", "viewer");
            nodeB.on(new SessionUnsubscribeEvent(
                    this, stomp(StompCommand.UNSUBSCRIBE, second, "sub-0"), () -> "viewer"));
            assertThat(nodeA.viewers("workforce", dashboard)).containsExactly("manager");
            assertThat(nodeB.viewers("workforce", dashboard)).containsExactly("manager");
        } finally {
            nodeB.destroy();
            nodeA.on(disconnect(first));
        }
    }

    @Test
    void theViewersOfANodeThatWentQuietExpire() {
        var dashboard = UUID.randomUUID();
        var watched = new DashboardViewers.Watched("workforce", dashboard);
        var quiet = properties.presenceTimeout().plus(Duration.ofSeconds(1));
        viewers.add("gone", "0", "sub-0", watched, "ghost");
        // The node's last beat was longer ago than the timeout, by the database's clock, which every node reads.
        var databaseNow = jdbc.sql("select current_timestamp")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        jdbc.sql("update dashboard_viewers set heartbeat_at = ? where node = 'gone'")
                .param(java.sql.Timestamp.from(databaseNow.minus(quiet)))
                .update();
        var session = "test-" + UUID.randomUUID();
        nodeA.on(subscribe(session, "sub-0", dashboard, "manager"));

        assertThat(nodeA.viewers("workforce", dashboard)).containsExactly("manager");
        nodeA.heartbeat();
        assertThat(jdbc.sql("select count(*) from dashboard_viewers where node = 'gone'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(nodeA.viewers("workforce", dashboard))
                .as("fresh after the beat")
                .containsExactly("manager");
        nodeA.on(disconnect(session));
    }

    @Test
    void oneConnectionCountsForAtMostTwentyDashboardsAndMalformedTopicsForNone() {
        var session = "test-" + UUID.randomUUID();
        try {
            for (int i = 0; i < DashboardLive.MAX_PER_SESSION + 5; i++) {
                nodeA.on(subscribe(session, "sub-" + i, UUID.randomUUID(), "manager"));
            }
            assertThat(sessionRows(session)).isEqualTo(DashboardLive.MAX_PER_SESSION);
        } finally {
            nodeA.on(disconnect(session));
        }
        var other = "test-" + UUID.randomUUID();
        var stomp = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
        stomp.setSessionId(other);
        stomp.setSubscriptionId("sub-0");
        stomp.setDestination("/topic/workspace.workforce.dashboard." + "-".repeat(36));
        Principal user = () -> "manager";
        nodeA.on(new SessionSubscribeEvent(
                this, MessageBuilder.createMessage(new byte[0], stomp.getMessageHeaders()), user));
        assertThat(sessionRows(other)).as("not a dashboard id").isZero();
    }

    private int sessionRows(String session) {
        return jdbc.sql("select count(*) from dashboard_viewers where session_id = ?")
                .param(session)
                .query(Integer.class)
                .single();
    }

    private SessionSubscribeEvent subscribe(String session, String subscription, UUID dashboard, String username) {
        var stomp = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
        stomp.setSessionId(session);
        stomp.setSubscriptionId(subscription);
        stomp.setDestination(DashboardLive.topic("workforce", dashboard));
        Principal user = () -> username;
        return new SessionSubscribeEvent(
                this, MessageBuilder.createMessage(new byte[0], stomp.getMessageHeaders()), user);
    }

    private SessionDisconnectEvent disconnect(String session) {
        return new SessionDisconnectEvent(
                this, stomp(StompCommand.DISCONNECT, session, null), session, CloseStatus.NORMAL);
    }

    private static Message<byte[]> stomp(StompCommand command, String session, @Nullable String subscription) {
        var stomp = StompHeaderAccessor.create(command);
        stomp.setSessionId(session);
        if (subscription != null) {
            stomp.setSubscriptionId(subscription);
        }
        return MessageBuilder.createMessage(new byte[0], stomp.getMessageHeaders());
    }
}
