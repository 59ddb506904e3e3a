package dev.foresight.workforce;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An uploaded roster: who works which shifts on which queues, at which site. */
public record Roster(
        UUID id,
        String name,
        int agents,
        int shifts,
        List<String> queues,
        List<String> sites,
        String createdBy,
        Instant createdAt) {}
