package dev.foresight.datasets.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens to a row that breaks a rule. */
public enum RuleAction {
    REJECT,
    WARN,
    /** Replace the offending value with a mask and warn. */
    MASK;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RuleAction of(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
