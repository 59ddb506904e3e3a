package dev.foresight.platform.live;

import dev.foresight.executions.ExecutionChanged;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** Forwards every execution change to the browsers watching its workspace. Transient: progress needs no replay. */
@Component
class ExecutionBroadcaster {

    private final SimpMessagingTemplate live;

    ExecutionBroadcaster(SimpMessagingTemplate live) {
        this.live = live;
    }

    @EventListener
    void on(ExecutionChanged changed) {
        var execution = changed.execution();
        if (execution.workspace() != null) {
            live.convertAndSend("/topic/workspace." + execution.workspace() + ".executions", execution);
        }
    }
}
