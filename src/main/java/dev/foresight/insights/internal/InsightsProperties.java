package dev.foresight.insights.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Insight settings: bounds that keep a run quick however wide the dataset.
 *
 * @param maxMeasures measures analysed (the rest are named in the run's notes)
 * @param maxPairs measure pairs tested for correlation
 * @param maxSegmentColumns segment columns used to split trends, anomalies, shares and missing data
 * @param largestSegments per segment column, how many of the largest values get their own trend and anomalies
 * @param sampleRows rows sampled (reservoir, fixed seed) for correlations
 * @param maxInsights insights kept per run, best first
 * @param alpha the false discovery rate for the tests of a run
 */
@Validated
@ConfigurationProperties("foresight.insights")
public record InsightsProperties(
        @DefaultValue("12") @Min(1) @Max(100) int maxMeasures,
        @DefaultValue("66") @Min(1) @Max(5000) int maxPairs,
        @DefaultValue("4") @Min(0) @Max(20) int maxSegmentColumns,
        @DefaultValue("3") @Min(1) @Max(20) int largestSegments,
        @DefaultValue("20000") @Min(100) int sampleRows,
        @DefaultValue("40") @Min(1) @Max(500) int maxInsights,
        @DefaultValue("0.05") double alpha) {}
