package dev.foresight.forecasting.internal;

import dev.foresight.executions.Executions;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/** The execution that computes a forecast run; running it again after a crash starts the run over. */
@Component
public class ForecastJob implements JobRequestHandler<ForecastJob.Request> {

    public static final String EXECUTION_TYPE = "forecast.run";

    public record Request(UUID executionId, UUID forecastId) implements JobRequest {
        @Override
        public Class<ForecastJob> getJobRequestHandler() {
            return ForecastJob.class;
        }
    }

    private final Executions executions;
    private final ForecastRunner runner;

    ForecastJob(Executions executions, ForecastRunner runner) {
        this.executions = executions;
        this.runner = runner;
    }

    @Override
    public void run(Request request) {
        executions.run(request.executionId(), progress -> runner.run(request.forecastId(), progress));
    }
}
