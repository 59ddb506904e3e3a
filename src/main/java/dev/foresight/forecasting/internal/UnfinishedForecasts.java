package dev.foresight.forecasting.internal;

import dev.foresight.executions.ExecutionFinished;
import dev.foresight.executions.ExecutionStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Ends a forecast whose execution was cancelled or cut off before the run could record its own outcome. */
@Component
class UnfinishedForecasts {

    private final ForecastStore store;

    UnfinishedForecasts(ForecastStore store) {
        this.store = store;
    }

    @ApplicationModuleListener
    void on(ExecutionFinished finished) {
        if (!ForecastJob.EXECUTION_TYPE.equals(finished.type()) || finished.status() == ExecutionStatus.SUCCEEDED) {
            return;
        }
        store.failUnfinished(
                finished.executionId(),
                finished.status() == ExecutionStatus.CANCELLED
                        ? "Cancelled before it finished."
                        : finished.error() == null ? "The run stopped before it finished." : finished.error());
    }
}
