package dev.foresight.forecasting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Whether the 80 % and 95 % intervals hold about 80 % and 95 % of what happens next: each model is refitted at
 * repeated origins of a generated series (fixed seed) and its intervals are checked against the values that follow.
 * The bands leave room for the sampling error of a few hundred correlated points, not for a miscalibration.
 */
class CoverageTests {

    private static final int DAY = 48;
    private static final int WEEK = 336;

    /** What share of the checked values fell inside each interval. */
    record Coverage(double inside80, double inside95, int checked) {}

    /** Refits at {@code origins} origins {@code spacing} apart and checks the next {@code horizon} values at times kept. */
    static Coverage coverage(
            Model model, double[] y, int firstOrigin, int origins, int spacing, int horizon, IntPredicate kept) {
        int inside80 = 0;
        int inside95 = 0;
        int checked = 0;
        for (int k = 0; k < origins; k++) {
            int origin = firstOrigin + k * spacing;
            var p = model.fit(y, origin).predict(horizon);
            for (int h = 0; h < horizon && origin + h < y.length; h++) {
                if (!kept.test(origin + h)) {
                    continue;
                }
                double actual = y[origin + h];
                inside80 += actual >= p.lo80()[h] && actual <= p.hi80()[h] ? 1 : 0;
                inside95 += actual >= p.lo95()[h] && actual <= p.hi95()[h] ? 1 : 0;
                checked++;
            }
        }
        return new Coverage((double) inside80 / checked, (double) inside95 / checked, checked);
    }

    private static void assertHonest(Coverage coverage, String what) {
        assertThat(coverage.checked()).as(what + ": values checked").isGreaterThanOrEqualTo(300);
        assertThat(coverage.inside80()).as(what + ": 80 % interval coverage").isBetween(0.72, 0.88);
        assertThat(coverage.inside95()).as(what + ": 95 % interval coverage").isBetween(0.90, 0.99);
    }

    /** Slots 8:00 to 20:00, when the generated contact centre is open. */
    private static boolean open(int t) {
        int slot = t % DAY;
        return slot >= 16 && slot < 40;
    }

    @Test
    void multipleSeasonalityIntervalsCoverWhatTheySayOverTheDayAndAtThePeaks() {
        // Before the calibration on its own errors: about 71 % and 81 % overall, 59 % and 90 % in opening hours.
        var model = new Mstl(new int[] {DAY, WEEK}, 1000);
        var y = Series.intraday(12, 42);
        assertHonest(coverage(model, y, 6 * WEEK, 10, 160, 2 * DAY, t -> true), "two days ahead");
        assertHonest(coverage(model, y, 6 * WEEK, 10, 160, 2 * DAY, CoverageTests::open), "two days ahead, open");
        var longer = Series.intraday(16, 7);
        assertHonest(coverage(model, longer, 8 * WEEK, 4, WEEK, 2 * WEEK, t -> true), "two weeks ahead");
    }

    @Test
    void etsAndThetaIntervalsCoverWhatTheySayOnDailyAndIntradaySeries() {
        var daily = Series.weekly(730, 200, 15, 21);
        assertHonest(coverage(new AutoEts(AutoEts.ALL, 7, 1000, 500), daily, 365, 12, 28, 28, t -> true), "AutoETS");
        assertHonest(coverage(new Theta(7, 1000), daily, 365, 12, 28, 28, t -> true), "Theta");
        var intraday = Series.intraday(12, 43);
        var fast = new AutoEts(AutoEts.FAST, DAY, 300, 200);
        assertHonest(coverage(fast, intraday, 6 * WEEK, 10, 160, 2 * DAY, t -> true), "AutoETS intraday");
        assertHonest(coverage(new Theta(DAY, 1000), intraday, 6 * WEEK, 10, 160, 2 * DAY, t -> true), "Theta intraday");
    }
}
