package dev.foresight.workforce;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * Staffing parameters of a plan, for every queue or overriding them for one. A field left out falls back to the
 * plan-wide value; the AHT falls back to the forecast dataset's {@code aht_seconds} column when it has one.
 */
public record QueueParameters(
        @Nullable Double ahtSeconds,
        @Nullable Double serviceLevel,
        @Nullable Double answerSeconds,
        @Nullable Double asaSeconds,
        @Nullable Double maxOccupancy,
        @Nullable Double shrinkage,
        @Nullable Double patienceSeconds)
        implements Serializable {

    public static final QueueParameters NONE = new QueueParameters(null, null, null, null, null, null, null);

    /** These values, with the other's where these have none. */
    public QueueParameters over(QueueParameters base) {
        return new QueueParameters(
                ahtSeconds != null ? ahtSeconds : base.ahtSeconds,
                serviceLevel != null || asaSeconds != null ? serviceLevel : base.serviceLevel,
                answerSeconds != null ? answerSeconds : base.answerSeconds,
                serviceLevel != null || asaSeconds != null ? asaSeconds : base.asaSeconds,
                maxOccupancy != null ? maxOccupancy : base.maxOccupancy,
                shrinkage != null ? shrinkage : base.shrinkage,
                patienceSeconds != null ? patienceSeconds : base.patienceSeconds);
    }
}
