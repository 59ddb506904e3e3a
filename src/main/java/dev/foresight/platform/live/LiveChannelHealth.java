package dev.foresight.platform.live;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.stereotype.Component;

/** Readiness of the live channel: the in-memory broker is always up; the relay only while RabbitMQ answers. */
@Component("liveChannel")
class LiveChannelHealth implements HealthIndicator {

    private final ObjectProvider<AbstractBrokerMessageHandler> brokers;

    LiveChannelHealth(ObjectProvider<AbstractBrokerMessageHandler> brokers) {
        this.brokers = brokers;
    }

    @Override
    public Health health() {
        var handler = brokers.orderedStream()
                .filter(StompBrokerRelayMessageHandler.class::isInstance)
                .map(StompBrokerRelayMessageHandler.class::cast)
                .findFirst()
                .orElse(null);
        if (handler == null) {
            return Health.up().withDetail("broker", "in-memory").build();
        }
        var builder = handler.isBrokerAvailable() ? Health.up() : Health.down();
        return builder.withDetail("broker", "relay " + handler.getRelayHost() + ":" + handler.getRelayPort())
                .build();
    }
}
