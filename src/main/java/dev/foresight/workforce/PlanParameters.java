package dev.foresight.workforce;

import java.io.Serializable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The staffing parameters of a plan: plan-wide values and per-queue overrides.
 *
 * @param queues overrides per queue name
 */
public record PlanParameters(
        @Nullable Double ahtSeconds,
        @Nullable Double serviceLevel,
        @Nullable Double answerSeconds,
        @Nullable Double asaSeconds,
        @Nullable Double maxOccupancy,
        @Nullable Double shrinkage,
        @Nullable Double patienceSeconds,
        @Nullable Map<String, QueueParameters> queues)
        implements Serializable {

    public QueueParameters defaults() {
        return new QueueParameters(
                ahtSeconds, serviceLevel, answerSeconds, asaSeconds, maxOccupancy, shrinkage, patienceSeconds);
    }

    public QueueParameters forQueue(String queue) {
        var own = queues == null ? null : queues.get(queue);
        return own == null ? defaults() : own.over(defaults());
    }
}
