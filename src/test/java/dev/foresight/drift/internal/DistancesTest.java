package dev.foresight.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from scipy 1.17 (scipy.stats.wasserstein_distance, scipy.spatial.distance.jensenshannon). */
class DistancesTest {

    @Test
    void wassersteinMatchesScipy() {
        // wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0: every value moves by five.
        assertThat(Distances.wasserstein(new double[] {0, 1, 3}, new double[] {5, 6, 8}))
                .isCloseTo(5.0, within(1e-12));
        // wasserstein_distance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4]) = 2.7 (scipy's docstring example).
        assertThat(Distances.wasserstein(new double[] {3.4, 3.9, 7.5, 7.8}, new double[] {4.5, 1.4}))
                .isCloseTo(2.7, within(1e-12));
        // wasserstein_distance([1, 2, 3, 4, 5], [2, 4, 6]) = 1.0.
        assertThat(Distances.wasserstein(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6}))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void wassersteinFromQuantileFunctionsIsTheMeanGap() {
        // By hand: the quantile functions differ by 5 at every point.
        assertThat(Distances.wassersteinFromQuantiles(new double[] {0, 1, 3}, new double[] {5, 6, 8}))
                .isCloseTo(5.0, within(1e-12));
    }

    @Test
    void jensenShannonMatchesScipy() {
        // jensenshannon([1.0, 0.0], [0.5, 0.5]) = 0.464501404022459.
        assertThat(Distances.jensenShannon(new double[] {1, 0}, new double[] {0.5, 0.5}))
                .isCloseTo(0.464501404022459, within(1e-12));
        // jensenshannon([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]) = 0.18035965602712561.
        assertThat(Distances.jensenShannon(new double[] {0.1, 0.4, 0.5}, new double[] {0.3, 0.3, 0.4}))
                .isCloseTo(0.18035965602712561, within(1e-12));
        // Counts are normalised first, as scipy does.
        assertThat(Distances.jensenShannon(new double[] {2, 0}, new double[] {5, 5}))
                .isCloseTo(0.464501404022459, within(1e-12));
        assertThat(Distances.jensenShannon(new double[] {1, 2, 3}, new double[] {1, 2, 3}))
                .isZero();
    }

    @Test
    void psiIsEvidentlysFormula() {
        // numpy: sum((r - c) * log(r / c)) for r = [0.2, 0.3, 0.5], c = [0.25, 0.25, 0.5] = 0.02027325540540821.
        assertThat(Distances.psi(new double[] {0.2, 0.3, 0.5}, new double[] {0.25, 0.25, 0.5}))
                .isCloseTo(0.02027325540540821, within(1e-12));
        // An empty bin counts as 0.0001 (Evidently's feel_zeroes): (0.5 - 0.0001)·ln(0.5 / 0.0001) + (0.5 - 1)·ln(0.5).
        double expected = (0.5 - 0.0001) * Math.log(0.5 / 0.0001) + (0.5 - 1) * Math.log(0.5);
        assertThat(Distances.psi(new double[] {1, 1}, new double[] {0, 1})).isCloseTo(expected, within(1e-12));
    }
}
