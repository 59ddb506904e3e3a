package dev.foresight.drift;

import java.util.UUID;

/** A queued run and the execution that carries it. */
public record RunStarted(UUID runId, UUID executionId) {}
