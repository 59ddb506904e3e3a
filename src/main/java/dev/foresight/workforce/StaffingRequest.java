package dev.foresight.workforce;

import org.jspecify.annotations.Nullable;

/**
 * What one interval asks of its staff. Exactly one target: a service level ({@code serviceLevel} answered within
 * {@code answerSeconds}) or an average speed of answer ({@code asaSeconds}). With {@code patienceSeconds} the
 * calculation is Erlang A (callers abandon after an exponential patience with that mean); without, Erlang C.
 *
 * @param serviceLevel the share to answer within {@code answerSeconds}, a fraction such as 0.8
 * @param maxOccupancy the highest share of time agents may be busy, in (0, 1]; 1 when absent
 * @param shrinkage the share of paid time not available for contacts (breaks, training), in [0, 1); 0 when absent
 */
public record StaffingRequest(
        @Nullable Double volume,
        @Nullable Integer intervalMinutes,
        @Nullable Double ahtSeconds,
        @Nullable Double serviceLevel,
        @Nullable Double answerSeconds,
        @Nullable Double asaSeconds,
        @Nullable Double maxOccupancy,
        @Nullable Double shrinkage,
        @Nullable Double patienceSeconds) {}
