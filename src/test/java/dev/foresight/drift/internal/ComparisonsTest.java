package dev.foresight.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drift.DriftSeverity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tests each metric kind gets. Reference values from scipy 1.17: scipy.stats.ks_2samp,
 * scipy.stats.chi2_contingency(correction=False), and the two-proportion z-test computed with scipy.stats.norm.
 */
class ComparisonsTest {

    private static Comparisons.Sample raw(double... values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(values).average().orElse(0);
        double std = Math.sqrt(
                Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
        return new Comparisons.Sample(values.length, mean, std, sorted[0], sorted[sorted.length - 1], sorted, true);
    }

    @Test
    void smallNumericSamplesGetKolmogorovSmirnov() {
        // ks_2samp([1..10], [6..16]) → statistic 0.5454545454545454, pvalue 0.043224577280304835; tied values
        // count as scipy counts them
        var c = Comparisons.numeric(
                raw(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), raw(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), 1000, 0.05);
        assertThat(c.test()).isEqualTo("ks");
        assertThat(c.statistic()).isCloseTo(0.5454545454545454, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.043224577280304835, within(1e-6));
        assertThat(c.threshold()).isEqualTo(0.05);
    }

    @Test
    void theKolmogorovSmirnovPValueIsScipysForUntiedSamplesToo() {
        // ks_2samp of these 25 and 20 values → statistic 0.57, pvalue 0.0007540518948858841
        var c = Comparisons.numeric(
                raw(
                        0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37,
                        1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.52, -0.74, -0.66, -1.15),
                raw(
                        2.2, 1.91, 0.48, 1.49, 0.31, 1.39, 1.2, 2.86, 2.11, 0.06, 1.52, 2.96, 0.76, 1.38, 0.9, 2.9,
                        0.63, 1.03, 1.47, 2.32),
                1000,
                0.05);
        assertThat(c.statistic()).isCloseTo(0.57, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.0007540518948858841, within(1e-9));
    }

    @Test
    void largeNumericSamplesGetTheNormalisedWassersteinDistance() {
        var random = new Random(7);
        var a = new double[2000];
        var b = new double[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian() + 0.5;
        }
        var c = Comparisons.numeric(raw(a), raw(b), 1000, 0.05);
        assertThat(c.test()).isEqualTo("wasserstein");
        assertThat(c.pValue()).isNull();
        assertThat(c.threshold()).isEqualTo(0.1);
        // A shift of half a standard deviation moves every value by 0.5 σ.
        assertThat(c.statistic()).isCloseTo(0.5, within(0.06));
        assertThat(c.severity()).isIn(DriftSeverity.MEDIUM, DriftSeverity.HIGH);
    }

    @Test
    void aSmallCurrentWindowKeepsTheTestEvenWithALargeReference() {
        var random = new Random(11);
        var a = new double[5000];
        var b = new double[200];
        Arrays.setAll(a, i -> random.nextGaussian());
        Arrays.setAll(b, i -> random.nextGaussian());
        assertThat(Comparisons.numeric(raw(a), raw(b), 1000, 0.05).test()).isEqualTo("ks");
    }

    @Test
    void smallCategoricalSamplesGetChiSquare() {
        // chi2_contingency([[30, 50, 20], [10, 25, 15]], correction=False) → (2.6785714285714284, 0.262032768014012)
        var c = Comparisons.categorical(counts(30, 50, 20), counts(10, 25, 15), 1000, 0.05);
        assertThat(c.test()).isEqualTo("chi-square");
        assertThat(c.statistic()).isCloseTo(2.6785714285714284, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.262032768014012, within(1e-9));
    }

    @Test
    void largeCategoricalSamplesGetJensenShannon() {
        // Shares [0.1, 0.4, 0.5] and [0.3, 0.3, 0.4]: jensenshannon = 0.18035965602712561 (scipy).
        var c = Comparisons.categorical(counts(1000, 4000, 5000), counts(3000, 3000, 4000), 1000, 0.05);
        assertThat(c.test()).isEqualTo("jensen-shannon");
        assertThat(c.statistic()).isCloseTo(0.18035965602712561, within(1e-12));
        assertThat(c.pValue()).isNull();
    }

    @Test
    void ratesGetTheTwoProportionZTest() {
        // 30 of 200 against 20 of 200, pooled: z = 1.5118578920369083, p = 0.13057001811573637 (scipy.stats.norm).
        var c = Comparisons.rate(200, 20, 200, 30, 0.05);
        assertThat(c.test()).isEqualTo("z-test");
        assertThat(c.statistic()).isCloseTo(1.5118578920369083, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.13057001811573637, within(1e-9));
        // Cohen's h = 2·asin(√0.15) − 2·asin(√0.10) = 0.1519…, below 0.2: LOW.
        assertThat(c.effect()).isCloseTo(2 * Math.asin(Math.sqrt(0.15)) - 2 * Math.asin(Math.sqrt(0.1)), within(1e-12));
        assertThat(c.severity()).isEqualTo(DriftSeverity.LOW);
    }

    @Test
    void aDenialRateJumpFromEightToThirtyEightPercentIsHigh() {
        var c = Comparisons.rate(1400, 119, 175, 66, 0.05);
        assertThat(c.pValue()).isLessThan(1e-15);
        assertThat(c.severity()).isEqualTo(DriftSeverity.HIGH);
    }

    @Test
    void volumeIsComparedWithTheBaselinesPeriods() {
        // Periods 100, 110, 90, 100 (mean 100, s = 8.165); current 150:
        // t = 50 / (8.165·√1.25) = 5.477 with 3 degrees of freedom, two-sided p = 0.011966912298547431
        // (2·scipy.stats.t.sf).
        var c = Comparisons.volume(new long[] {100, 110, 90, 100}, 150, 0.2, 0.05);
        assertThat(c.test()).isEqualTo("t-prediction");
        assertThat(c.statistic()).isCloseTo(50 / (Math.sqrt(200.0 / 3) * Math.sqrt(1.25)), within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.011966912298547431, within(1e-9));
        assertThat(c.effect()).isCloseTo(0.5, within(1e-12));
        assertThat(c.severity()).isEqualTo(DriftSeverity.HIGH);
    }

    @Test
    void volumeWithoutPeriodsIsAPoissonRateTest() {
        // 100 rows in the baseline, 100 in a current window of the same length: no change.
        var c = Comparisons.volume(new long[] {100}, 100, 0.5, 0.05);
        assertThat(c.test()).isEqualTo("poisson");
        assertThat(c.statistic()).isCloseTo(0, within(1e-12));
        assertThat(c.pValue()).isCloseTo(1, within(1e-12));
    }

    private static Map<String, Long> counts(long... values) {
        var map = new LinkedHashMap<String, Long>();
        for (int i = 0; i < values.length; i++) {
            map.put("c" + i, values[i]);
        }
        return map;
    }
}
