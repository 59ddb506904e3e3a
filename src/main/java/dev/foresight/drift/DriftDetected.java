package dev.foresight.drift;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One segment × metric pair of a drift run drifted after the false discovery rate control. Alert rules listen.
 *
 * @param segment the segment's values, e.g. {@code payer=Cigna}; {@code all} for the whole dataset
 * @param metric what was compared, e.g. {@code rate(status = 'DENIED')} or {@code numeric(paid_amount)}
 * @param pValue the test's p-value; {@code null} for distance measures
 * @param baseline a short reading of the baseline, e.g. {@code 8.1 %}
 * @param current the same for the current window, e.g. {@code 31.4 %}
 */
public record DriftDetected(
        String workspace,
        long workspaceId,
        UUID monitorId,
        String monitorName,
        UUID runId,
        UUID datasetId,
        String segment,
        String metric,
        String test,
        double statistic,
        @Nullable Double pValue,
        double threshold,
        DriftSeverity severity,
        String baseline,
        String current) {}
