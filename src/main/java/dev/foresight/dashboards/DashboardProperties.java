package dev.foresight.dashboards;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dashboard settings.
 *
 * @param maxWidgets the most widgets one dashboard holds
 * @param presenceDelay how long after a subscription the viewers are announced, so the newcomer's subscription is
 *     in place when the announcement arrives
 * @param presenceHeartbeat how often a node vouches for its viewers in the shared database
 * @param presenceTimeout how long a viewer's row outlives its node's last heartbeat (a node that stopped unannounced)
 */
@Validated
@ConfigurationProperties("foresight.dashboards")
public record DashboardProperties(
        @DefaultValue("50") @Min(1) int maxWidgets,
        @DefaultValue("PT0.3S") Duration presenceDelay,
        @DefaultValue("PT15S") Duration presenceHeartbeat,
        @DefaultValue("PT1M") Duration presenceTimeout) {

    public DashboardProperties {
        // A node's rows must survive a late beat or two, or its live viewers vanish while they are still there.
        if (presenceTimeout.compareTo(presenceHeartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("foresight.dashboards.presence-timeout (" + presenceTimeout
                    + ") must be at least three presence-heartbeat intervals (" + presenceHeartbeat + ")");
        }
    }
}
