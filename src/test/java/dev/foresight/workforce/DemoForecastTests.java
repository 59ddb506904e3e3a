package dev.foresight.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The forecast the {@code workforce} demo seeds, as a planner reads it: every queue's next two weeks keep the weekly
 * pattern of its history (quiet weekends, not one weekday repeated, no weekday made quiet by a holiday of the last
 * weeks) and the hour of its daily peak.
 */
@ForesightTest
class DemoForecastTests {

    private static final String FORECASTS = "/api/v1/workspaces/workforce/forecasts";

    @Autowired
    Workspaces workspaces;

    @LocalServerPort
    int port;

    @Test
    void theSeededForecastKeepsTheWeeklyAndTheIntradayPatternOfTheHistory() {
        DemoData.awaitSeeded(workspaces);
        var api = new Api(port);
        var manager = api.tokenFor("manager");
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> seeded(api, manager)
                        .filter(f -> f.get("status").asString().equals("SUCCEEDED"))
                        .isPresent());
        var forecast = api.get(
                        FORECASTS + "/"
                                + seeded(api, manager).orElseThrow().get("id").asString(),
                        manager)
                .json();
        assertThat(forecast.get("series").size()).isEqualTo(3);
        for (var series : forecast.get("series")) {
            var segment = series.get("segment").asString();
            var history = new Pattern(series.get("history"));
            var ahead = new Pattern(series.get("points"));
            assertThat(ahead.weekendRatio())
                    .as(segment + ": weekend against weekday volume, forecast vs history " + history.weekendRatio())
                    .isBetween(history.weekendRatio() * 0.8, history.weekendRatio() * 1.25);
            // Each weekday's share of the week, so the trend the forecast carries on does not count as a change of
            // pattern (a holiday carried into every week made Wednesdays and Thursdays a fifth too small).
            double aheadWeek = ahead.daily.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            double historyWeek = history.daily.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            for (var day : DayOfWeek.values()) {
                assertThat((ahead.daily.get(day) / aheadWeek) / (history.daily.get(day) / historyWeek))
                        .as(segment + ": " + day + "'s share of the week, forecast against history, " + ahead.daily
                                + " vs " + history.daily)
                        .isBetween(0.85, 1.2);
            }
            assertThat(ahead.peakSlot())
                    .as(segment + ": the half hour of the weekday peak, forecast vs history")
                    .isBetween(history.peakSlot() - 2, history.peakSlot() + 2);
        }
    }

    /** The forecast of the seeded "Contact volumes" (uploaded by the demo, not by a test), once it exists. */
    private static Optional<JsonNode> seeded(Api api, String token) {
        var dataset = api.get("/api/v1/workspaces/workforce/datasets", token)
                .json()
                .valueStream()
                .filter(d -> d.get("name").asString().equals("Contact volumes")
                        && d.get("createdBy").asString().equals("system"))
                .map(d -> d.get("id").asString())
                .findFirst();
        return dataset.flatMap(id -> api.get(FORECASTS, token)
                .json()
                .valueStream()
                .filter(f -> f.get("datasetId").asString().equals(id)
                        && f.get("measure").asString().equals("contacts"))
                .min(Comparator.comparing(f -> f.get("createdAt").asString())));
    }

    /** Mean daily totals per weekday and the mean weekday volume per half hour of a list of timed values. */
    private static final class Pattern {
        final Map<DayOfWeek, Double> daily = new EnumMap<>(DayOfWeek.class);
        final double[] weekdaySlots = new double[48];

        Pattern(JsonNode buckets) {
            var totals = new EnumMap<DayOfWeek, Double>(DayOfWeek.class);
            var days = new EnumMap<DayOfWeek, Integer>(DayOfWeek.class);
            int weekdayBuckets = 0;
            for (var bucket : buckets) {
                var time = LocalDateTime.parse(bucket.get("time").asString());
                double value = bucket.get("value").asDouble();
                var day = time.getDayOfWeek();
                totals.merge(day, value, Double::sum);
                if (time.getHour() == 0 && time.getMinute() == 0) {
                    days.merge(day, 1, Integer::sum);
                }
                if (day.getValue() <= 5) {
                    weekdaySlots[time.getHour() * 2 + time.getMinute() / 30] += value;
                    weekdayBuckets++;
                }
            }
            totals.forEach((day, total) -> daily.put(day, total / days.getOrDefault(day, 1)));
            assertThat(weekdayBuckets).isPositive();
        }

        double weekendRatio() {
            double weekend = (daily.get(DayOfWeek.SATURDAY) + daily.get(DayOfWeek.SUNDAY)) / 2;
            double weekdays = 0;
            for (var day : DayOfWeek.values()) {
                weekdays += day.getValue() <= 5 ? daily.get(day) / 5 : 0;
            }
            return weekend / weekdays;
        }

        int peakSlot() {
            int peak = 0;
            for (int slot = 1; slot < 48; slot++) {
                peak = weekdaySlots[slot] > weekdaySlots[peak] ? slot : peak;
            }
            return peak;
        }
    }
}
