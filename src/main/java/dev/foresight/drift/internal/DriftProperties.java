package dev.foresight.drift.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Drift settings.
 *
 * @param falseDiscoveryRate the q of the Benjamini–Hochberg control across each run's p-value tests
 * @param minSegmentRows a segment × metric with fewer rows in a window is reported as insufficient data
 * @param testMaxRows up to this many rows in either window, p-value tests (KS, chi-square) instead of distances;
 *     Evidently's default limit
 * @param rawValues up to this many values per segment and window, numbers are compared exactly; beyond, through
 *     their quantile function
 */
@Validated
@ConfigurationProperties("foresight.drift")
public record DriftProperties(
        @DefaultValue("0.05") @DecimalMin("0.0001") @DecimalMax("0.5") double falseDiscoveryRate,
        @DefaultValue("30") @Min(2) int minSegmentRows,
        @DefaultValue("1000") @Min(1) int testMaxRows,
        @DefaultValue("20000") @Min(100) int rawValues) {

    public DriftAnalysis.Settings settings(@Nullable Double monitorsFalseDiscoveryRate) {
        return new DriftAnalysis.Settings(
                monitorsFalseDiscoveryRate == null ? falseDiscoveryRate : monitorsFalseDiscoveryRate,
                minSegmentRows,
                testMaxRows,
                rawValues);
    }
}
