package dev.foresight.datasets.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule as DuckDB evaluates it.
 *
 * @param violationSql a boolean expression over the raw columns, true where a row breaks the rule
 * @param parameters values bound, in order, to the {@code ?} in {@code violationSql}
 * @param maskSql for MASK rules: the masked value of {@code column}
 */
public record CompiledRule(
        ValidationRule rule,
        @Nullable String column,
        String violationSql,
        List<Object> parameters,
        @Nullable String maskSql) {

    public boolean isPhi() {
        return rule.type() == RuleType.PHI;
    }

    /** A PHI rule whose values pass the prefilter before the exact checks (its column's name does not mark them). */
    public boolean isPrefilteredPhi() {
        return isPhi() && column != null && !PhiDetector.namedByColumn(PhiDetector.detectorsOf(rule), column);
    }
}
