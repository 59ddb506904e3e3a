package dev.foresight.drift;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One segment × metric of a run.
 *
 * @param status {@code COMPARED}, or {@code INSUFFICIENT_DATA} when a window holds fewer rows than the minimum
 * @param statistic the test's statistic, or the distance for distance measures
 * @param pValue the p-value; {@code null} for distances and for insufficient data
 * @param adjustedPValue the Benjamini–Hochberg adjusted p-value across the run
 * @param threshold the distance threshold, or the false discovery rate q for p-value tests
 * @param effectSize the effect size the severity comes from (Cohen's h, Cohen's w, normalised Wasserstein or the
 *     relative change of volume)
 * @param severity set when drifted
 * @param baseline the baseline's summary: histogram edges and shares, category shares, a rate or period counts
 */
public record DriftResult(
        String segment,
        String metric,
        String kind,
        String status,
        @Nullable String test,
        @Nullable Double statistic,
        @Nullable Double pValue,
        @Nullable Double adjustedPValue,
        @Nullable Double threshold,
        boolean drifted,
        @Nullable DriftSeverity severity,
        @Nullable Double effectSize,
        @Nullable Double psi,
        long baselineCount,
        long currentCount,
        @Nullable String baselineText,
        @Nullable String currentText,
        @Nullable Map<String, Object> baseline,
        @Nullable Map<String, Object> current) {}
