package dev.foresight.alerts.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alert settings.
 *
 * @param secretKey base64 of 32 bytes that seal channel secrets (AES-GCM); without it one is generated under the data
 *     directory
 * @param allowedPrivateNetworks CIDR ranges outgoing requests may reach although they are private (e.g. 127.0.0.0/8)
 * @param groupWait how long a new group waits for more events before its first message
 * @param groupInterval how long a group waits before it sends what arrived after its last message
 * @param repeatInterval how long the same alert (rule and fingerprint) stays quiet after it was sent
 * @param retrySchedule the delay before each attempt of a delivery (the Standard Webhooks schedule)
 * @param retryJitter the share by which each delay may be lengthened or shortened at random
 * @param connectTimeout how long connecting to an endpoint may take
 * @param requestTimeout how long an endpoint may take to answer; a 2xx within it is success
 * @param rotationOverlap how long a rotated webhook secret still signs beside the new one
 * @param sweepInterval how often due deliveries and groups are looked for
 * @param smsBaseUrl the Twilio-compatible API's base URL
 */
@Validated
@ConfigurationProperties("foresight.alerts")
public record AlertsProperties(
        @Nullable String secretKey,
        @DefaultValue List<String> allowedPrivateNetworks,
        @DefaultValue("PT30S") Duration groupWait,
        @DefaultValue("PT5M") Duration groupInterval,
        @DefaultValue("PT4H") Duration repeatInterval,
        @DefaultValue({"PT0S", "PT5S", "PT5M", "PT30M", "PT2H", "PT5H", "PT10H", "PT10H"}) @NotEmpty
                List<Duration> retrySchedule,
        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("0.5") double retryJitter,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT15S") Duration requestTimeout,
        @DefaultValue("PT24H") Duration rotationOverlap,
        @DefaultValue("PT1S") Duration sweepInterval,
        @DefaultValue("https://api.twilio.com") String smsBaseUrl) {}
