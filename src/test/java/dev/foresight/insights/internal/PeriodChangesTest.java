package dev.foresight.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.DatasetScan;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The period-over-period findings of a daily series: the last 7 days against the 7 before and against the same 7 days
 * a year earlier, with the sentence, evidence, chart and score a reader sees.
 */
class PeriodChangesTest {

    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Plan.Measure REVENUE = new Plan.Measure("revenue", "sum");
    private static final LocalDate FIRST = LocalDate.of(2025, 1, 6);

    /**
     * 60 weeks of revenue at about 100 a day (week k: 100 + k % 4, so week-on-week changes vary a little), the last
     * week at 150 a day. By hand: 1,050 against 714 the week before is +47.1 %; among the 59 weekly changes the median
     * is 0.0099010 and the MAD 0.000099010, so robust z = 0.6745 · (0.47059 − 0.0099010) / 0.000099010 = 3138.4;
     * against 721 in the week 52 weeks earlier it is +45.6 %.
     */
    @Test
    void aJumpInTheLastWeekIsNamedAgainstTheWeekBeforeAndTheYearBefore() {
        int days = 60 * 7;
        var drafts = insights(days).periodChanges(table(days, day -> day / 7 == 59 ? 150 : 100 + (day / 7) % 4));

        assertThat(drafts).hasSize(2);
        var previous = drafts.get(0);
        assertThat(previous.type()).isEqualTo("period-change");
        assertThat(previous.key()).isEqualTo("period-change|previous|revenue");
        assertThat(previous.sentence())
                .isEqualTo("Revenue in the last 7 days (2026-02-23 to 2026-03-01) was 1,050, +47.1 % on the 7 days"
                        + " before (714) — an unusual change (robust z = 3138.4 against 59 earlier changes).");
        assertThat(previous.evidence())
                .containsExactly(
                        Map.entry("measure", "revenue"),
                        Map.entry("agg", "sum"),
                        Map.entry("comparison", "previous"),
                        Map.entry("window", "7 days"),
                        Map.entry("from", "2026-02-23"),
                        Map.entry("to", "2026-03-01"),
                        Map.entry("last", 1050.0),
                        Map.entry("previous", 714.0),
                        Map.entry("change", 0.4706),
                        Map.entry("robustZ", 3138.0));
        assertThat(previous.score()).isEqualTo(0.85);
        assertThat(previous.chart().get("xAxis"))
                .isEqualTo(Map.of("type", "category", "data", List.of("previous 7 days", "last 7 days")));
        assertThat(previous.widget()).isEqualTo("kpi");
        assertThat(previous.query()).containsEntry("dataset", DATASET.toString());

        var year = drafts.get(1);
        assertThat(year.key()).isEqualTo("period-change|year|revenue");
        assertThat(year.sentence())
                .isEqualTo("Revenue in the last 7 days (2026-02-23 to 2026-03-01) was 1,050, +45.6 % on the same 7"
                        + " days a year earlier (2025-02-24 to 2025-03-02: 721).");
        assertThat(year.evidence())
                .containsExactly(
                        Map.entry("measure", "revenue"),
                        Map.entry("agg", "sum"),
                        Map.entry("comparison", "year"),
                        Map.entry("window", "7 days"),
                        Map.entry("from", "2026-02-23"),
                        Map.entry("to", "2026-03-01"),
                        Map.entry("last", 1050.0),
                        Map.entry("yearAgo", 721.0),
                        Map.entry("change", 0.4563));
        assertThat(year.score()).isEqualTo(0.4825);
        assertThat(year.chart().get("xAxis"))
                .isEqualTo(Map.of("type", "category", "data", List.of("a year earlier", "last 7 days")));
        assertThat(year.widget()).isEqualTo("kpi");
    }

    /** With fewer than six earlier changes there is no robust z: a change of 10 % or more is named on its own. */
    @Test
    void aShortSeriesNamesALargeChangeWithoutARobustZ() {
        int days = 4 * 7;
        var drafts = insights(days).periodChanges(table(days, day -> day / 7 == 3 ? 80 : 100));

        assertThat(drafts).singleElement().satisfies(draft -> {
            assertThat(draft.sentence())
                    .isEqualTo("Revenue in the last 7 days (2025-01-27 to 2025-02-02) was 560, -20.0 % on the 7 days"
                            + " before (700).");
            assertThat(draft.evidence()).doesNotContainKey("robustZ").containsEntry("change", -0.2);
            assertThat(draft.score()).isEqualTo(0.38);
        });
    }

    @Test
    void aSmallOrdinaryChangeIsNoFinding() {
        int days = 4 * 7;
        assertThat(insights(days).periodChanges(table(days, day -> day / 7 == 3 ? 95 : 100)))
                .isEmpty();
    }

    private static TimeSeriesInsights insights(int days) {
        var day = new DatasetColumn("day", ColumnType.DATE, ColumnRole.TIME, 1);
        var revenue = new DatasetColumn("revenue", ColumnType.DECIMAL, ColumnRole.MEASURE, 1);
        var scan = new DatasetScan(DATASET, "sales", UUID.randomUUID(), days, List.of(day, revenue), "t", null);
        var plan = new Plan(day, List.of(REVENUE), List.of(), Map.of(), days, List.of());
        return new TimeSeriesInsights(scan, plan, new InsightsProperties(12, 66, 4, 3, 20000, 40, 0.05));
    }

    /** A daily table of one row a day and the given revenue. */
    private static PeriodTable table(int days, IntToDoubleFunction revenue) {
        var starts = new long[days];
        for (int i = 0; i < days; i++) {
            starts[i] = FIRST.plusDays(i).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        var table = new PeriodTable(starts, 1);
        for (int i = 0; i < days; i++) {
            table.rows[i] = 1;
            table.sums[0][i] = revenue.applyAsDouble(i);
            table.counts[0][i] = 1;
        }
        return table;
    }
}
