package dev.foresight.datasets.internal;

import dev.foresight.datasets.Datasets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Appends pushed records in micro-batches: a dataset's waiting records become a new version once the oldest has
 * waited the batch interval or enough have gathered, whichever comes first.
 */
@Component
class PushBatches {

    private static final Logger log = LoggerFactory.getLogger(PushBatches.class);

    private final PushIngestion push;
    private final Datasets datasets;
    private final DatasetProperties properties;

    PushBatches(PushIngestion push, Datasets datasets, DatasetProperties properties) {
        this.push = push;
        this.datasets = datasets;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT5S")
    void flushDue() {
        var due = OffsetDateTime.now(ZoneOffset.UTC).minus(properties.pushBatchInterval());
        for (var pending : push.pending()) {
            if (pending.records() >= properties.pushBatchRows()
                    || !pending.oldest().isAfter(due)) {
                try {
                    datasets.appendPushed(pending.workspaceId(), pending.datasetId());
                } catch (RuntimeException e) {
                    log.warn("Could not append pushed records to dataset {}: {}", pending.datasetId(), e.getMessage());
                }
            }
        }
    }
}
