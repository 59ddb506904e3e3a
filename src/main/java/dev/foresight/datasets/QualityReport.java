package dev.foresight.datasets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a version's validation found.
 *
 * @param score the share of rows accepted without a warning, 0 to 100
 */
public record QualityReport(
        long rowsRead,
        long rowsAccepted,
        long rowsRejected,
        long rowsWarned,
        double score,
        List<RuleResult> rules,
        List<ColumnQuality> columns,
        List<Violation> samples) {

    /** Violations of one rule on one column. */
    public record RuleResult(String rule, @Nullable String column, String action, long violations) {}

    public record ColumnQuality(String name, double completeness, long distinct) {}

    /** A sample violation; PHI values are already masked. */
    public record Violation(long line, @Nullable String column, String rule, @Nullable String value) {}
}
