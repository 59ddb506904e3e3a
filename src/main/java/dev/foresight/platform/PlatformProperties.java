package dev.foresight.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the platform wiring.
 *
 * @param dataDir where the embedded database, files and generated keys live
 * @param maxApiBody the largest JSON body an API call may send
 */
@Validated
@ConfigurationProperties("foresight")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir, @DefaultValue("1MB") DataSize maxApiBody, @DefaultValue Live live) {

    /**
     * The live channel's broker: Spring's in-memory one, or a relay to RabbitMQ's STOMP plugin.
     *
     * @param relayUserQueueExpiry how long RabbitMQ keeps a session's own queue (such as its notifications) once
     *     nobody consumes it; without an expiry every closed page would leave a durable queue behind
     */
    public record Live(
            @DefaultValue("false") boolean relayEnabled,
            @DefaultValue("127.0.0.1") String relayHost,
            @DefaultValue("61613") int relayPort,
            @DefaultValue("guest") String relayLogin,
            @DefaultValue("guest") String relayPasscode,
            @DefaultValue("/") String relayVirtualHost,
            @DefaultValue("PT1M") Duration relayUserQueueExpiry) {}
}
