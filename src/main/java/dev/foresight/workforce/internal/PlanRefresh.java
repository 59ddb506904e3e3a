package dev.foresight.workforce.internal;

import dev.foresight.forecasting.ForecastAdjusted;
import dev.foresight.forecasting.ForecastCompleted;
import dev.foresight.workforce.Capacity;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A forecast whose values changed makes the figures of the plans over it stale. */
@Component
class PlanRefresh {

    private final Capacity capacity;

    PlanRefresh(Capacity capacity) {
        this.capacity = capacity;
    }

    @ApplicationModuleListener
    void on(ForecastAdjusted adjusted) {
        capacity.forecastChanged(adjusted.workspaceId(), adjusted.forecastId());
    }

    @ApplicationModuleListener
    void on(ForecastCompleted completed) {
        capacity.forecastChanged(completed.workspaceId(), completed.forecastId());
    }
}
