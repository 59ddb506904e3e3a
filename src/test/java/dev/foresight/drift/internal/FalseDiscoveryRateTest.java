package dev.foresight.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from scipy.stats.false_discovery_control (method "bh"), scipy 1.17. */
class FalseDiscoveryRateTest {

    @Test
    void adjustedPValuesMatchScipy() {
        // false_discovery_control([0.01, 0.04, 0.03, 0.005]) = [0.02, 0.04, 0.04, 0.02]
        assertThat(FalseDiscoveryRate.adjusted(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
        // false_discovery_control([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
        assertThat(FalseDiscoveryRate.adjusted(
                        new double[] {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216}))
                .containsExactly(
                        new double[] {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.10571429, 0.216, 0.216, 0.216},
                        within(1e-8));
    }

    @Test
    void onlyTheStrongFindingsSurviveAtFivePercent() {
        // Unadjusted, five of these are below 0.05; with the false discovery rate held at 5 %, two remain.
        var found = FalseDiscoveryRate.discoveries(
                new double[] {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216}, 0.05);
        assertThat(found).containsExactly(true, true, false, false, false, false, false, false, false, false);
    }

    @Test
    void noTestsNoDiscoveries() {
        assertThat(FalseDiscoveryRate.adjusted(new double[0])).isEmpty();
    }
}
