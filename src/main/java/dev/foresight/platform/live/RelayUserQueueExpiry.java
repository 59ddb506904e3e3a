package dev.foresight.platform.live;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Behind the relay, a person's {@code /user/queue/notifications} becomes a RabbitMQ queue per STOMP session
 * ({@code /queue/notifications-user<session>}), which RabbitMQ declares durable and never deletes: every page ever
 * opened would leave one behind, some holding messages nobody will read. Each SEND and SUBSCRIBE to such a queue
 * therefore declares it with {@code x-expires}, so RabbitMQ drops it once its session has stopped using it.
 */
final class RelayUserQueueExpiry implements ChannelInterceptor {

    static final String HEADER = "x-expires";

    /** What Spring's user destination resolver makes of {@code /user/queue/<name>}. */
    private static final Pattern SESSION_QUEUE = Pattern.compile("/queue/[^/]+-user[^/]+");

    private final String expiry;

    RelayUserQueueExpiry(Duration expiry) {
        this.expiry = Long.toString(Math.max(1000, expiry.toMillis()));
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        var type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        var destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if ((type != SimpMessageType.MESSAGE && type != SimpMessageType.SUBSCRIBE)
                || destination == null
                || !SESSION_QUEUE.matcher(destination).matches()) {
            return message;
        }
        var accessor = SimpMessageHeaderAccessor.wrap(message);
        accessor.setNativeHeader(HEADER, expiry);
        return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
    }
}
