package dev.foresight.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.foresight.shared.InvalidRequestException;
import java.util.Locale;

/** Where a channel sends: an inbox, a chat, a phone or a system. */
public enum ChannelType {
    EMAIL,
    SLACK,
    DISCORD,
    WEBHOOK,
    SMS;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChannelType of(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("type must be one of email, slack, discord, webhook, sms.");
        }
    }
}
