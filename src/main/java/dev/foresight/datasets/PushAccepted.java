package dev.foresight.datasets;

import java.util.List;

/**
 * The answer to a push: how many records were queued for the next micro-batch, and which could not be read at all
 * (their position in the body and why). Queued records pass the dataset's rules when their batch is processed; the
 * rows they lose are in that version's quality report.
 */
public record PushAccepted(int received, int queued, List<RejectedRecord> rejected, boolean replayed) {

    public record RejectedRecord(int index, String reason) {}

    public PushAccepted asReplay() {
        return new PushAccepted(received, queued, rejected, true);
    }
}
