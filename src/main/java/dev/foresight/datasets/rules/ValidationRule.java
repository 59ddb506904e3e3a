package dev.foresight.datasets.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One validation rule, as stored and as the API reads and writes it. Which fields matter depends on the type:
 * {@code column} for single-column rules, {@code columns} for a unique key, {@code format} for a date format
 * (strftime, e.g. {@code %Y-%m-%d}), {@code min}/{@code max} for a range, {@code values} for allowed values,
 * {@code pattern} for a regex, {@code maxLength}, {@code operator} and {@code otherColumn} for a comparison, and
 * {@code detectors} for PHI detection.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ValidationRule(
        RuleType type,
        @Nullable String column,
        @Nullable List<String> columns,
        RuleAction action,
        @Nullable String format,
        @Nullable Double min,
        @Nullable Double max,
        @Nullable List<String> values,
        @Nullable String pattern,
        @Nullable Integer maxLength,
        @Nullable String operator,
        @Nullable String otherColumn,
        @Nullable List<PhiDetector> detectors) {

    public static ValidationRule of(RuleType type, String column, RuleAction action) {
        return new ValidationRule(type, column, null, action, null, null, null, null, null, null, null, null, null);
    }

    public static ValidationRule phi(String column, List<PhiDetector> detectors) {
        return new ValidationRule(
                RuleType.PHI, column, null, RuleAction.MASK, null, null, null, null, null, null, null, null, detectors);
    }

    /** A short name for reports: the type, and the detectors of a PHI rule. */
    public String label() {
        return type.json();
    }
}
