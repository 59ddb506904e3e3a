package dev.foresight.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of re-computing a workspace's hash chain.
 *
 * @param firstBrokenEventId the first event whose hash or link does not match, when the chain is broken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(
        boolean intact, long events, @Nullable Long firstBrokenEventId, @Nullable String reason) {}
