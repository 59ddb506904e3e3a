package dev.foresight.workforce;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One queue in one interval of a plan.
 *
 * @param volume the planned contacts: the forecast, or its manual adjustment where there is one
 * @param rawAgents agents answering at once that the target needs
 * @param required agents to schedule (after shrinkage)
 * @param available agents the roster has on shift for the queue (shares of multi-queue agents included)
 * @param gap available − required: negative is under-staffed, positive over-staffed
 * @param serviceLevel the service level the available agents are expected to reach
 * @param availableBySite the available agents per site
 */
public record PlanInterval(
        LocalDateTime time,
        String queue,
        double volume,
        double ahtSeconds,
        int rawAgents,
        int required,
        double available,
        double gap,
        double serviceLevel,
        Map<String, Double> availableBySite)
        implements Serializable {}
