package dev.foresight.insights.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The statistics insights compute themselves, against reference values whose source each test names. */
class StatisticsTest {

    /**
     * Gilbert (1987), Statistical Methods for Environmental Pollution Monitoring, §16.4, worked by hand on a series
     * with ties: x = 5 3 4 4 6 7 7 7 9 8 (n = 10). S = 33 (39 concordant, 6 discordant pairs); ties are one group of
     * two 4s and one group of three 7s, so Var(S) = [10·9·25 − (2·1·9 + 3·2·11)] / 18 = 2166 / 18 = 120.333;
     * Z = (33 − 1) / √120.333 = 2.9171; p = 2(1 − Φ(2.9171)) = 0.0035326. Cross-check of S and Var(S):
     * scipy 1.17.1 {@code kendalltau(range(10), x, method="asymptotic")} gives p = 0.0026271 = 2(1 − Φ(33/√120.333)),
     * the same variance without the continuity correction.
     */
    @Test
    void mannKendallWithTiesMatchesTheWorkedExample() {
        var result = MannKendall.test(new double[] {5, 3, 4, 4, 6, 7, 7, 7, 9, 8});

        assertThat(result.s()).isEqualTo(33);
        assertThat(result.variance()).isCloseTo(120.3333, within(1e-4));
        assertThat(result.z()).isCloseTo(2.9171382, within(1e-6));
        assertThat(result.pValue()).isCloseTo(0.0035326, within(1e-6));
        assertThat(result.tau()).isCloseTo(33 / 45.0, within(1e-12));
    }

    /**
     * A strictly increasing series of five: S = 10, Var(S) = 5·4·15/18 = 16.667, Z = 9/4.0825 = 2.2045, two-sided
     * p = 0.027486 (hand computation, Gilbert 1987 eq. 16.3–16.5); a decreasing one mirrors it.
     */
    @Test
    void mannKendallWithoutTies() {
        var up = MannKendall.test(new double[] {1, 2, 3, 4, 5});
        var down = MannKendall.test(new double[] {5, 4, 3, 2, 1});

        assertThat(up.s()).isEqualTo(10);
        assertThat(up.z()).isCloseTo(2.2045408, within(1e-6));
        assertThat(up.pValue()).isCloseTo(0.0274863, within(1e-6));
        assertThat(down.z()).isCloseTo(-2.2045408, within(1e-6));
        assertThat(down.tau()).isEqualTo(-1);
    }

    @Test
    void aConstantSeriesHasNoTrend() {
        var flat = MannKendall.test(new double[] {3, 3, 3, 3, 3, 3});

        assertThat(flat.s()).isZero();
        assertThat(flat.pValue()).isEqualTo(1);
        assertThat(MannKendall.test(new double[] {1, 2}).pValue()).isEqualTo(1);
    }

    /** scipy 1.17.1 {@code theilslopes([5, 3, 4, 4, 6, 7, 7, 7, 9, 8])}: slope 0.6, intercept 3.8. */
    @Test
    void sensSlopeMatchesScipy() {
        var sen = SensSlope.of(new double[] {5, 3, 4, 4, 6, 7, 7, 7, 9, 8});

        assertThat(sen.slope()).isCloseTo(0.6, within(1e-12));
        assertThat(sen.intercept()).isCloseTo(3.8, within(1e-12));
    }

    /**
     * Sen's slope ignores a gross outlier: scipy 1.17.1 {@code theilslopes([10, 12, 11, 15, 30, 14, 16])} gives slope
     * 1.0 and intercept 11.0, where least squares would be pulled up by the 30.
     */
    @Test
    void sensSlopeIsRobustToAnOutlier() {
        var sen = SensSlope.of(new double[] {10, 12, 11, 15, 30, 14, 16});

        assertThat(sen.slope()).isCloseTo(1.0, within(1e-12));
        assertThat(sen.intercept()).isCloseTo(11.0, within(1e-12));
        assertThat(sen.at(6)).isCloseTo(17.0, within(1e-12));
    }

    /**
     * Iglewicz &amp; Hoaglin (1993) modified z-score, by hand: 2 3 3 4 5 5 100 has median 4, absolute deviations 2 1 1
     * 0 1 1 96 with median (MAD) 1, so M(100) = 0.6745 · 96 / 1 = 64.752 and M(2) = −1.349.
     */
    @Test
    void robustZScoresByMedianAbsoluteDeviation() {
        var z = RobustZ.of(new double[] {2, 3, 3, 4, 5, 5, 100});

        assertThat(z.median()).isEqualTo(4);
        assertThat(z.mad()).isEqualTo(1);
        assertThat(z.scores()[6]).isCloseTo(64.752, within(1e-9));
        assertThat(z.scores()[0]).isCloseTo(-1.349, within(1e-9));
        assertThat(Arrays.stream(z.scores()).filter(s -> Math.abs(s) > RobustZ.OUTLIER))
                .hasSize(1);
        assertThat(z.valueAt(3.5)).isCloseTo(4 + 3.5 / 0.6745, within(1e-9));
    }

    @Test
    void robustZScoresOfMostlyEqualValuesAreZero() {
        var z = RobustZ.of(new double[] {0, 0, 0, 0, 10});

        assertThat(z.mad()).isZero();
        assertThat(z.scores()).containsOnly(0.0);
    }

    /**
     * A weekly season (+10 on the 6th day, +5 on the 7th) on a rising line with a little noise and one spike of +40:
     * the decomposition recovers the season, and the residual is small everywhere but at the spike, about +40.
     */
    @Test
    void decompositionSeparatesTheWeeklySeasonFromASpike() {
        int n = 70;
        var noise = new java.util.Random(7);
        var x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100
                    + 0.5 * i
                    + (i % 7 == 5 ? 10 : i % 7 == 6 ? 5 : 0)
                    + (i == 40 ? 40 : 0)
                    + noise.nextGaussian() * 0.5;
        }

        var parts = SeasonalDecomposition.of(x, 7);

        assertThat(parts.seasonal()[5] - parts.seasonal()[0]).isCloseTo(10, within(1.5));
        assertThat(parts.residual()[40]).isCloseTo(40, within(2.0));
        var z = RobustZ.of(parts.residual());
        for (int i = 0; i < n; i++) {
            if (i != 40) {
                assertThat(Math.abs(parts.residual()[i]))
                        .as("residual at %d", i)
                        .isLessThan(3.0);
            }
        }
        assertThat(z.scores()[40]).isGreaterThan(RobustZ.OUTLIER);
        assertThat(Arrays.stream(z.scores()).filter(s -> Math.abs(s) > RobustZ.OUTLIER))
                .hasSize(1);
    }
}
