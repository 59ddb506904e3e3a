package dev.foresight.drift.internal;

import dev.foresight.drift.MetricSpec;
import dev.foresight.drift.MonitorDefinition;
import dev.foresight.shared.InvalidRequestException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jobrunr.scheduling.cron.CronExpression;
import org.jspecify.annotations.Nullable;

/** What a monitor definition must satisfy before any data is read; each refusal says what to change. */
public final class MonitorRules {

    private static final Set<String> KINDS = Set.of("numeric", "categorical", "rate", "volume");

    private MonitorRules() {}

    public static void check(MonitorDefinition definition) {
        if (definition.name() == null
                || definition.name().isBlank()
                || definition.name().length() > 200) {
            throw new InvalidRequestException("A monitor needs a name of 1 to 200 characters.");
        }
        if (definition.dataset() == null || definition.dataset().isBlank()) {
            throw new InvalidRequestException("A monitor needs the dataset it watches (its id or name).");
        }
        var segments = definition.segmentColumns();
        if (segments.size() > 5 || segments.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new InvalidRequestException("A monitor has at most five segment columns, each named.");
        }
        if (new HashSet<>(segments).size() != segments.size()) {
            throw new InvalidRequestException("A segment column is named twice.");
        }
        var metrics = definition.metricList();
        if (metrics.isEmpty() || metrics.size() > 20) {
            throw new InvalidRequestException("A monitor needs 1 to 20 metrics.");
        }
        var labels = new HashSet<String>();
        for (int i = 0; i < metrics.size(); i++) {
            var metric = metrics.get(i);
            check(metric, i + 1);
            if (!labels.add(metric.label())) {
                throw new InvalidRequestException(
                        "Metric " + (i + 1) + " (" + metric.label() + ") is there twice; give one of them a name.");
            }
        }
        if (definition.baselineVersion() == null) {
            if (definition.timeColumn() == null || definition.timeColumn().isBlank()) {
                throw new InvalidRequestException(
                        "A monitor needs a timeColumn for its windows, or a baselineVersion to compare with.");
            }
            window("baselineWindow", definition.baselineWindow());
            window("currentWindow", definition.currentWindow());
        }
        schedule(definition.schedule());
        var q = definition.falseDiscoveryRate();
        if (q != null && !(q > 0 && q <= 0.5)) {
            throw new InvalidRequestException("falseDiscoveryRate is a share above 0 and at most 0.5, e.g. 0.05.");
        }
    }

    private static void check(MetricSpec metric, int number) {
        if (metric == null || metric.kind() == null || !KINDS.contains(metric.kind())) {
            throw new InvalidRequestException(
                    "Metric " + number + " needs a kind: numeric, categorical, rate or volume.");
        }
        boolean hasColumn = metric.column() != null && !metric.column().isBlank();
        boolean hasCondition = metric.condition() != null && !metric.condition().isBlank();
        switch (metric.kind()) {
            case "numeric", "categorical" -> {
                if (!hasColumn) {
                    throw new InvalidRequestException("Metric " + number + " (" + metric.kind() + ") needs a column.");
                }
            }
            case "rate" -> {
                if (!hasCondition) {
                    throw new InvalidRequestException("Metric " + number
                            + " (rate) needs a condition, the event whose share is watched, e.g. status = 'DENIED'.");
                }
            }
            default -> {}
        }
        if (hasCondition) {
            Condition.parse(metric.condition());
        }
        if (metric.name() != null && metric.name().length() > 100) {
            throw new InvalidRequestException("A metric's name has at most 100 characters.");
        }
    }

    /** An ISO-8601 duration such as P1W, P8W, P1M, P1D or PT12H, positive. */
    public static TemporalAmount window(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("A monitor needs a " + field + ", an ISO-8601 duration such as P1W.");
        }
        var value = text.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            if (!value.contains("T")) {
                var period = Period.parse(value);
                if (period.isNegative() || period.isZero()) {
                    throw new InvalidRequestException(field + " must be longer than zero.");
                }
                return period;
            }
            var duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidRequestException(field + " must be longer than zero.");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    field + " '" + text + "' is not an ISO-8601 duration; write e.g. P1W, P8W, P30D or PT12H.");
        }
    }

    static void schedule(@Nullable String cron) {
        if (cron == null || cron.isBlank()) {
            return;
        }
        try {
            new CronExpression(cron.strip());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("The schedule '" + cron
                    + "' is not a cron expression; write five fields (minute hour day month weekday), e.g. 0 6 * * 1.");
        }
    }

    static List<String> columns(MonitorDefinition definition) {
        var columns = new java.util.ArrayList<String>();
        if (definition.timeColumn() != null) {
            columns.add(definition.timeColumn());
        }
        columns.addAll(definition.segmentColumns());
        return columns;
    }
}
