package dev.foresight.datasets.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum RuleType {
    REQUIRED,
    TYPE,
    DATE_FORMAT,
    RANGE,
    ALLOWED_VALUES,
    REGEX,
    MAX_LENGTH,
    UNIQUE,
    COMPARE,
    PHI;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static RuleType of(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
