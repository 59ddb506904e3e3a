package dev.foresight.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.foresight.shared.InvalidRequestException;
import java.util.Locale;

/** What a rule listens to. */
public enum AlertEvent {
    DRIFT,
    QUALITY,
    EXECUTION_FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static AlertEvent of(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("event must be one of drift, quality, execution-failed.");
        }
    }
}
