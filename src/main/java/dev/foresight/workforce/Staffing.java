package dev.foresight.workforce;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The staff one interval needs and what they achieve.
 *
 * @param rawAgents agents answering contacts at once (before shrinkage)
 * @param agents agents to schedule: {@code rawAgents / (1 - shrinkage)}, rounded up
 * @param serviceLevel the expected share answered within the answer time
 * @param occupancy the share of time the raw agents are busy
 * @param asaSeconds the expected average speed of answer over all contacts
 * @param traffic the offered load in Erlangs (volume × AHT / interval length)
 * @param abandonment the expected share of callers who hang up before an answer (Erlang A only)
 */
public record Staffing(
        String model,
        int rawAgents,
        int agents,
        double serviceLevel,
        double occupancy,
        double asaSeconds,
        double traffic,
        @Nullable Double abandonment)
        implements Serializable {}
