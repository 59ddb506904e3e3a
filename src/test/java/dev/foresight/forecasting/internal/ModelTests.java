package dev.foresight.forecasting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The naive methods, Theta and the multiple-seasonality model against what they must give by construction. */
class ModelTests {

    @Test
    void seasonalNaiveRepeatsAPureSeasonExactlyWithNoSpread() {
        double[] week = {5, 9, 7, 6, 8, 2, 1};
        var y = new double[70];
        for (int t = 0; t < y.length; t++) {
            y[t] = week[t % 7];
        }
        var prediction = new Naive(7).fit(y, y.length).predict(21);
        for (int h = 0; h < 21; h++) {
            assertThat(prediction.mean()[h]).isEqualTo(week[(70 + h) % 7]);
            assertThat(prediction.hi95()[h] - prediction.lo95()[h]).isZero();
        }
    }

    @Test
    void naiveIntervalsWidenWithTheSquareRootOfTheHorizon() {
        // Random walk: Var(e_h) = h σ², σ² the mean squared first difference (FPP3 table 5.2).
        var random = new Random(1);
        var y = new double[200];
        for (int t = 1; t < y.length; t++) {
            y[t] = y[t - 1] + random.nextGaussian();
        }
        double sumSq = 0;
        for (int t = 1; t < y.length; t++) {
            sumSq += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
        }
        double sigma = Math.sqrt(sumSq / (y.length - 1));
        var prediction = new Naive(1).fit(y, y.length).predict(16);
        for (int h = 1; h <= 16; h++) {
            assertThat(prediction.mean()[h - 1]).isEqualTo(y[y.length - 1]);
            assertThat(prediction.hi80()[h - 1] - prediction.mean()[h - 1])
                    .isCloseTo(1.2815515655 * sigma * Math.sqrt(h), within(1e-9));
        }
    }

    @Test
    void seasonalNaiveIntervalsWidenOncePerSeason() {
        // Var(e_h) = σ² (⌊(h−1)/m⌋ + 1) (FPP3 table 5.2): constant within a season, then a step.
        var y = Series.weekly(140, 50, 3, 2);
        var p = new Naive(7).fit(y, y.length).predict(14);
        double first = p.hi95()[0] - p.lo95()[0];
        assertThat(p.hi95()[6] - p.lo95()[6]).isCloseTo(first, within(1e-9));
        assertThat(p.hi95()[7] - p.lo95()[7]).isCloseTo(first * Math.sqrt(2), within(1e-9));
    }

    @Test
    void thetaIsSesWithHalfTheLinearDrift() {
        // Hyndman & Billah (2003): f_h = ℓ_n + b/2 (h − 1 + (1 − (1 − α)^n)/α), b the least-squares slope (R thetaf).
        var random = new Random(3);
        var y = new double[100];
        for (int t = 0; t < y.length; t++) {
            y[t] = 20 + 0.8 * t + random.nextGaussian();
        }
        int n = y.length;
        var theta = new Theta(1, 1000).fit(y, n);
        var ses = (Ets.Fitted) new Ets(new Ets.Form(Ets.Error.A, Ets.Trend.N, Ets.Season.N), 1, 1000, 0).fit(y, n);
        double b = Theta.slope(y, n);
        var p = theta.predict(10);
        for (int h = 1; h <= 10; h++) {
            double expected = ses.end.level + b / 2 * (h - 1 + (1 - Math.pow(1 - ses.alpha, n)) / ses.alpha);
            assertThat(p.mean()[h - 1]).isCloseTo(expected, within(1e-6));
        }
        assertThat(b).isCloseTo(0.8, within(0.02));
    }

    @Test
    void thetaAdjustsASeasonalSeriesAndPutsTheSeasonBack() {
        var y = Series.weekly(280, 100, 2, 4);
        assertThat(Theta.seasonal(y, y.length, 7)).isTrue();
        var p = new Theta(7, 1000).fit(y, y.length).predict(7);
        // 280 values are 40 whole weeks, so step j is weekday j; the weekend dip (0.6 and 0.5 of the level) comes back.
        assertThat(p.mean()[5]).isLessThan(p.mean()[1]);
        assertThat(p.mean()[6] / 100).isCloseTo(0.5, within(0.05));
    }

    @Test
    void noSeasonIsFoundInWhiteNoise() {
        var random = new Random(9);
        var y = new double[300];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + random.nextGaussian();
        }
        assertThat(Theta.seasonal(y, y.length, 7)).isFalse();
    }

    @Test
    void theConformalQuantileIsTheOrderStatisticThatCoversANewScore() {
        // Nine scores: ⌈10 · 0.8⌉ = 8th and ⌈10 · 0.95⌉ = 10th, of which there are only nine (Angelopoulos and Bates,
        // 2021, §1: the quantile is then the largest).
        double[] scores = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(Mstl.conformal(scores, 0.80)).isEqualTo(8);
        assertThat(Mstl.conformal(scores, 0.95)).isEqualTo(9);
        // The plain interpolated quantile would say 7.4 for 80 %: short by about 1/n.
        assertThat(Ets.quantile(scores, 0.80)).isLessThan(8);
    }

    @Test
    void mstlRecoversADailyAndAWeeklyCycleOfIntradayData() {
        int day = 48;
        int week = 336;
        var random = new Random(5);
        var y = new double[week * 6];
        for (int t = 0; t < y.length; t++) {
            double daily = 30 * Math.sin(2 * Math.PI * (t % day) / day);
            double weekly = (t % week) / day >= 5 ? -25 : 10;
            y[t] = 200 + daily + weekly + 2 * random.nextGaussian();
        }
        var model = new Mstl(new int[] {day, week}, 1000);
        var p = model.fit(y, y.length).predict(week);
        double worst = 0;
        for (int h = 0; h < week; h++) {
            int t = y.length + h;
            double truth = 200 + 30 * Math.sin(2 * Math.PI * (t % day) / day) + ((t % week) / day >= 5 ? -25 : 10);
            worst = Math.max(worst, Math.abs(p.mean()[h] - truth));
        }
        // The noise has σ = 2; the components are within a few σ everywhere, the weekend step included.
        assertThat(worst).isLessThan(10);
        var seasonalNaive = new Naive(day).fit(y, y.length).predict(week);
        double naiveWorst = 0;
        for (int h = 0; h < week; h++) {
            int t = y.length + h;
            double truth = 200 + 30 * Math.sin(2 * Math.PI * (t % day) / day) + ((t % week) / day >= 5 ? -25 : 10);
            naiveWorst = Math.max(naiveWorst, Math.abs(seasonalNaive.mean()[h] - truth));
        }
        assertThat(naiveWorst).isGreaterThan(30);
    }

    @Test
    void theBacktestPicksASeasonalModelOverTheNaiveOnAWeeklySeries() {
        var y = Series.weekly(365, 300, 15, 8);
        var notes = new ArrayList<String>();
        var forecaster = new SeriesForecaster(new SeriesForecaster.Settings(3, 28));
        var result =
                forecaster.forecast(y, 7, Candidates.of(Frequency.DAY, y, Candidates.Search.FULL, notes), 28, notes);
        assertThat(result.model()).isNotEqualTo("Naive");
        assertThat(result.candidates()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(result.candidates().getFirst().backtest().mase())
                .isEqualTo(result.backtest().mase());
        var naive = result.candidates().stream()
                .filter(c -> c.model().equals("Naive"))
                .findFirst()
                .orElseThrow();
        assertThat(result.backtest().mase()).isLessThan(naive.backtest().mase());
        assertThat(result.backtest().coverage95()).isGreaterThan(0.8);
        assertThat(result.forecast().length()).isEqualTo(28);
    }

    @Test
    void aSeriesTooShortForASeasonFallsBackAndSaysSo() {
        var y = Series.weekly(10, 100, 2, 1);
        var notes = new ArrayList<String>();
        var forecaster = new SeriesForecaster(new SeriesForecaster.Settings(2, 3));
        var candidates = Candidates.of(Frequency.DAY, y, Candidates.Search.FULL, notes);
        var result = forecaster.forecast(y, 7, candidates, 7, notes);
        assertThat(result.note()).contains("Too short for a seasonal model");
        assertThat(result.candidates()).noneMatch(c -> c.model().startsWith("Seasonal"));
        assertThat(result.model()).doesNotContain(",A)").doesNotContain(",M)");
    }
}
