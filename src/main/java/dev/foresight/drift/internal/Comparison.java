package dev.foresight.drift.internal;

import dev.foresight.drift.DriftSeverity;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One segment × metric compared, before the run's false discovery rate control decides on the p-value tests.
 *
 * @param statistic the test's statistic: D, χ², z or t, or the distance itself for distance measures
 * @param pValue the p-value; {@code null} for distance measures, which drift when the distance reaches the threshold
 * @param threshold the distance threshold, or the false discovery rate q for p-value tests
 * @param effect the effect size the severity comes from (see {@link Comparisons#severity})
 */
public record Comparison(
        String test,
        double statistic,
        @Nullable Double pValue,
        double threshold,
        double effect,
        double psi,
        DriftSeverity severity,
        long baselineCount,
        long currentCount,
        Map<String, Object> baseline,
        Map<String, Object> current,
        String baselineText,
        String currentText) {

    public boolean isDistance() {
        return pValue == null;
    }
}
