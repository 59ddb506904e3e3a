package dev.foresight.forecasting.internal;

import dev.foresight.shared.InvalidRequestException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The bucket sizes a forecast aggregates to, with their natural seasonal periods. */
public enum Frequency {
    MIN15("15min", 15, 96, 672),
    MIN30("30min", 30, 48, 336),
    MIN60("60min", 60, 24, 168),
    DAY("day", 1440, 7, 0),
    WEEK("week", 10080, 52, 0),
    MONTH("month", 0, 12, 0);

    private final String label;
    private final int minutes;
    private final int period;
    private final int secondPeriod;

    Frequency(String label, int minutes, int period, int secondPeriod) {
        this.label = label;
        this.minutes = minutes;
        this.period = period;
        this.secondPeriod = secondPeriod;
    }

    public String label() {
        return label;
    }

    /** The main seasonal period in buckets: a day for intraday data, a week for days, a year otherwise. */
    public int period() {
        return period;
    }

    /** The weekly period of intraday data; 0 for the others. */
    public int secondPeriod() {
        return secondPeriod;
    }

    public boolean intraday() {
        return minutes > 0 && minutes < 1440;
    }

    /** The DuckDB expression of a timestamp expression's bucket start. */
    String bucketSql(String timestamp) {
        return switch (this) {
            case MIN15, MIN30, MIN60 -> "time_bucket(INTERVAL '" + minutes + " minutes', " + timestamp + ")";
            case DAY -> "date_trunc('day', " + timestamp + ")";
            case WEEK -> "date_trunc('week', " + timestamp + ")";
            case MONTH -> "date_trunc('month', " + timestamp + ")";
        };
    }

    public LocalDateTime next(LocalDateTime time, int steps) {
        return this == MONTH ? time.plusMonths(steps) : time.plusMinutes((long) minutes * steps);
    }

    /** The frequency a spec names; anything else is answered with the accepted names. */
    public static Frequency require(String text) {
        return parse(text)
                .orElseThrow(() -> new InvalidRequestException(
                        "The frequency is one of 15min, 30min, 60min, day, week" + " or month, not '" + text + "'."));
    }

    public static Optional<Frequency> parse(String text) {
        var normalised = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        var alias =
                switch (normalised) {
                    case "15", "15m", "15minutes" -> "15min";
                    case "30", "30m", "30minutes" -> "30min";
                    case "60", "60m", "60minutes", "hour", "1h", "hourly" -> "60min";
                    case "daily", "1d", "d" -> "day";
                    case "weekly", "w" -> "week";
                    case "monthly", "m" -> "month";
                    default -> normalised;
                };
        return Arrays.stream(values()).filter(f -> f.label.equals(alias)).findFirst();
    }
}
