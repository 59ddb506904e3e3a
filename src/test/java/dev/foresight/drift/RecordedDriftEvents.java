package dev.foresight.drift;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every {@link DriftDetected} the running application published, as a listening module receives them. */
@Component
public class RecordedDriftEvents {

    private final List<DriftDetected> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(DriftDetected detected) {
        events.add(detected);
    }

    public List<DriftDetected> of(java.util.UUID runId) {
        return events.stream().filter(e -> e.runId().equals(runId)).toList();
    }
}
