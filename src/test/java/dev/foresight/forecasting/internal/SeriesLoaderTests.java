package dev.foresight.forecasting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.shared.InvalidRequestException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SeriesLoaderTests {

    private static final double NA = Double.NaN;

    @Test
    void gapsAreFilledWithZeroThePreviousValueOrALine() {
        double[] zero = {5, NA, NA, 8};
        SeriesLoader.fillGaps(zero, SeriesLoader.Fill.ZERO);
        assertThat(zero).containsExactly(5, 0, 0, 8);
        double[] previous = {5, NA, NA, 8};
        SeriesLoader.fillGaps(previous, SeriesLoader.Fill.PREVIOUS);
        assertThat(previous).containsExactly(5, 5, 5, 8);
        double[] linear = {5, NA, NA, 8, NA};
        SeriesLoader.fillGaps(linear, SeriesLoader.Fill.LINEAR);
        assertThat(linear).containsExactly(5, 6, 7, 8, 8);
    }

    @Test
    void anUnknownFillingIsRefusedByName() {
        assertThatThrownBy(() -> SeriesLoader.fill("mean"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'zero', 'previous' or 'linear'");
        assertThat(SeriesLoader.fill(null)).isEqualTo(SeriesLoader.Fill.ZERO);
    }

    @Test
    void frequenciesStepByTheirBucketAndKnowTheirSeasons() {
        var start = LocalDateTime.of(2026, 1, 31, 23, 30);
        assertThat(Frequency.require("30min").next(start, 1)).isEqualTo(LocalDateTime.of(2026, 2, 1, 0, 0));
        assertThat(Frequency.require("monthly").next(start, 1)).isEqualTo(LocalDateTime.of(2026, 2, 28, 23, 30));
        assertThat(Frequency.MIN30.period()).isEqualTo(48);
        assertThat(Frequency.MIN30.secondPeriod()).isEqualTo(336);
        assertThat(Frequency.DAY.period()).isEqualTo(7);
        assertThatThrownBy(() -> Frequency.require("fortnight")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void segmentLabelsNameColumnAndValue() {
        var values = new java.util.LinkedHashMap<String, String>();
        assertThat(SeriesLoader.segmentLabel(values)).isEqualTo("all");
        values.put("queue", "Billing");
        values.put("site", "Leeds");
        assertThat(SeriesLoader.segmentLabel(values)).isEqualTo("queue=Billing, site=Leeds");
    }
}
