package dev.foresight.platform.live;

import dev.foresight.identity.BearerTokens;
import dev.foresight.identity.Callers;
import dev.foresight.identity.Workspaces;
import java.security.Principal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Who may use the live channel: a CONNECT needs the browser's session or a bearer access token; a SUBSCRIBE to a
 * workspace topic needs membership of that workspace; a person's own queue is theirs alone. All else is refused.
 */
@Component
class LiveChannelGuard implements ChannelInterceptor {

    /** Subscription ids are the client's to choose; presence stores them, so they are kept short and plain. */
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private static final Pattern WORKSPACE_TOPIC =
            Pattern.compile("/topic/workspace\\.([a-z0-9-]{1,40})\\.[a-z0-9.-]+");

    private final BearerTokens bearerTokens;
    private final Workspaces workspaces;

    LiveChannelGuard(BearerTokens bearerTokens, Workspaces workspaces) {
        this.bearerTokens = bearerTokens;
        this.workspaces = workspaces;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        var stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> connect(stomp);
            case SUBSCRIBE -> subscribe(stomp);
            case SEND -> throw new MessageDeliveryException("The live channel does not take messages from clients.");
            default -> {}
        }
        return message;
    }

    private void connect(StompHeaderAccessor stomp) {
        var header = stomp.getFirstNativeHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Authentication authentication;
            try {
                authentication = bearerTokens.authenticate(header.substring(7).strip());
            } catch (AuthenticationException e) {
                throw new MessageDeliveryException("The bearer token was refused: " + e.getMessage());
            }
            if (Callers.username(authentication) == null) {
                throw new MessageDeliveryException("Workspace API tokens cannot use the live channel.");
            }
            stomp.setUser(authentication);
        }
        if (username(stomp.getUser()) == null) {
            throw new MessageDeliveryException("Sign in before connecting to the live channel.");
        }
    }

    private void subscribe(StompHeaderAccessor stomp) {
        var username = username(stomp.getUser());
        var destination = stomp.getDestination();
        if (username == null || destination == null) {
            throw new MessageDeliveryException("Sign in before subscribing.");
        }
        var subscription = stomp.getSubscriptionId();
        if (subscription == null || !SUBSCRIPTION_ID.matcher(subscription).matches()) {
            throw new MessageDeliveryException("A subscription id is 1 to 100 letters, digits, '.', ':', '_' or '-'.");
        }
        if (destination.startsWith("/user/queue/")) {
            return;
        }
        var topic = WORKSPACE_TOPIC.matcher(destination);
        if (topic.matches()) {
            var workspace = workspaces.findBySlug(topic.group(1));
            if (workspace.isPresent() && workspaces.roleOf(workspace.get().id(), username) != null) {
                return;
            }
        }
        throw new MessageDeliveryException("You may not subscribe to " + destination + ".");
    }

    private static @Nullable String username(@Nullable Principal user) {
        if (user instanceof Authentication authentication) {
            return Callers.username(authentication);
        }
        return user == null ? null : user.getName();
    }
}
