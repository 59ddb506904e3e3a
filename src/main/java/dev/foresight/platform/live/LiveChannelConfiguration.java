package dev.foresight.platform.live;

import dev.foresight.platform.PlatformProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over WebSocket at {@code /ws}. Topics are dot-separated ({@code /topic/workspace.<slug>.executions}) so the
 * same names work on Spring's in-memory broker and on RabbitMQ's STOMP plugin behind the relay.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class LiveChannelConfiguration implements WebSocketMessageBrokerConfigurer {

    private final PlatformProperties.Live settings;
    private final LiveChannelGuard guard;

    LiveChannelConfiguration(PlatformProperties properties, LiveChannelGuard guard) {
        this.settings = properties.live();
        this.guard = guard;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws");
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        if (settings.relayEnabled()) {
            registry.enableStompBrokerRelay("/topic", "/queue")
                    .setRelayHost(settings.relayHost())
                    .setRelayPort(settings.relayPort())
                    .setClientLogin(settings.relayLogin())
                    .setClientPasscode(settings.relayPasscode())
                    .setSystemLogin(settings.relayLogin())
                    .setSystemPasscode(settings.relayPasscode())
                    .setVirtualHost(settings.relayVirtualHost());
            registry.configureBrokerChannel().interceptors(new RelayUserQueueExpiry(settings.relayUserQueueExpiry()));
        } else {
            registry.enableSimpleBroker("/topic", "/queue");
        }
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }
}
