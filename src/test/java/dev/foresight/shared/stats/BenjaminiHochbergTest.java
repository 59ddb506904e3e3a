package dev.foresight.shared.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reference values from R's {@code p.adjust(p, method = "BH")} as worked by hand, and from scipy 1.17
 * {@code scipy.stats.false_discovery_control(p, method="bh")}, which computes the same adjustment.
 */
class BenjaminiHochbergTest {

    @Test
    void adjustedPValuesMatchScipy() {
        // false_discovery_control([0.01, 0.04, 0.03, 0.005]) = [0.02, 0.04, 0.04, 0.02]
        assertThat(BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
        // false_discovery_control([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
        assertThat(BenjaminiHochberg.adjust(
                        new double[] {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216}))
                .containsExactly(
                        new double[] {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571429, 0.216, 0.216, 0.216},
                        within(1e-8));
    }

    @Test
    void onlyTheStrongFindingsSurviveAtFivePercent() {
        // Unadjusted, five of these are below 0.05; with the false discovery rate held at 5 %, two remain.
        var q = BenjaminiHochberg.adjust(
                new double[] {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216});

        assertThat(discoveries(q, 0.05)).isEqualTo(2);
        assertThat(q[0]).isLessThanOrEqualTo(0.05);
        assertThat(q[1]).isLessThanOrEqualTo(0.05);
    }

    /**
     * Benjamini &amp; Hochberg (1995), J. R. Statist. Soc. B 57(1), §3.2: of these 15 p-values the procedure at q* =
     * 0.05 rejects the four smallest (Bonferroni only three). Adjusted values by hand as R's p.adjust(p, "BH"):
     * 0.0001·15 = 0.0015, 0.0004·15/2 = 0.003, 0.0019·15/3 = 0.0095, 0.0095·15/4 = 0.035625, 0.0201·15/5 = 0.0603,
     * and the sixth min(0.0278·15/6, 0.0298·15/7) = 0.0638571 (scipy 1.17 gives the same 15 values).
     */
    @Test
    void reproducesThePapersExample() {
        double[] p = {
            0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528,
            0.7590, 1.000
        };
        // Shuffled, to show the adjustment keeps the caller's order.
        double[] shuffled = {
            p[5], p[0], p[14], p[3], p[1], p[2], p[4], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13]
        };

        var q = BenjaminiHochberg.adjust(shuffled);

        assertThat(discoveries(BenjaminiHochberg.adjust(p), 0.05)).isEqualTo(4);
        assertThat(q[1]).isCloseTo(0.0015, within(1e-12));
        assertThat(q[4]).isCloseTo(0.003, within(1e-12));
        assertThat(q[5]).isCloseTo(0.0095, within(1e-12));
        assertThat(q[3]).isCloseTo(0.035625, within(1e-12));
        assertThat(q[6]).isCloseTo(0.0603, within(1e-12));
        assertThat(q[0]).isCloseTo(0.0638571, within(1e-7));
        assertThat(q[2]).isEqualTo(1.0);
    }

    @Test
    void noTestsNoDiscoveries() {
        assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
    }

    private static long discoveries(double[] q, double level) {
        return Arrays.stream(q).filter(value -> value <= level).count();
    }
}
