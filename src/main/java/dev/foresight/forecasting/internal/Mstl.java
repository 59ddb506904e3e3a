package dev.foresight.forecasting.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A multiple-seasonality model for intraday data in the manner of MSTL (Bandara, Hyndman & Bergmeir 2021), simplified:
 * each seasonal component (daily, then weekly) is extracted in turn from the series minus the others, twice over, by
 * removing a centred moving average of one period and averaging each position of the cycle over the neighbouring
 * cycles (a boxcar over ±{@value #NEIGHBOURS} cycles where STL uses loess; the median for the longest period, so one
 * holiday in the last weeks is not carried forward as a quiet weekday every week), then re-centred so each period's
 * component sums to about zero. The seasonally adjusted rest is forecast by AutoETS without season (simple or damped trend,
 * additive errors) and each component is carried forward as its last cycle, as statsforecast's MSTL does.
 *
 * <p>The adjusted series' ETS intervals alone are too narrow: they omit the error of the carried-forward components,
 * and the in-sample residuals are shrunk by the components having absorbed part of the noise (about 70 % and 80 %
 * coverage for nominal 80 % and 95 % on contact-centre data). So the intervals are calibrated on the model's own
 * out-of-sample errors, in the manner of statsforecast's conformal intervals: from up to {@value #CALIBRATION_WINDOWS}
 * earlier origins, one longest period apart, the fitted parameters forecast one longest period from a decomposition
 * of the values before that origin only; each error divided by that step's ETS standard deviation and by the
 * relative spread of the errors at its position in the day is a score, and the scores' 80 % and 95 % quantiles replace
 * the normal quantiles. Scaling by the ETS standard deviation keeps the growth with the horizon and pools the steps,
 * since a few origins give too few errors per step for a quantile; the spread by time of day makes the peak's
 * intervals wider than the night's, as its errors are.
 */
final class Mstl implements Model {

    static final int NEIGHBOURS = 2;
    static final int CALIBRATION_WINDOWS = 4;
    private static final int ITERATIONS = 2;
    /** Fewer scores than this leave the normal quantiles in place. */
    private static final int MIN_SCORES = 100;
    /** The narrowest a position's interval may be against the day's average, so a quiet hour keeps some width. */
    private static final double MIN_SPREAD = 0.1;

    /** No calibration: the same width everywhere. */
    private static final double[] UNIFORM = {1};

    private final int[] periods;
    private final AutoEts trend;

    Mstl(int[] periods, int maxEvaluations) {
        this.periods = periods.clone();
        this.trend = new AutoEts(
                List.of(
                        new Ets.Form(Ets.Error.A, Ets.Trend.N, Ets.Season.N),
                        new Ets.Form(Ets.Error.A, Ets.Trend.AD, Ets.Season.N)),
                1,
                maxEvaluations,
                0);
    }

    @Override
    public String name() {
        var label = new StringBuilder("MSTL(");
        for (int i = 0; i < periods.length; i++) {
            label.append(i == 0 ? "" : ",").append(periods[i]);
        }
        return label.append(")").toString();
    }

    @Override
    public int minLength() {
        return 2 * periods[periods.length - 1];
    }

    @Override
    public Model.Fitted fit(double[] y, int n) {
        var components = decompose(y, n, periods);
        var adjusted = adjusted(y, n, components);
        return calibrated(y, new Fitted(components, n, trend.fit(adjusted, n), UNIFORM, 1, 1));
    }

    @Override
    public Model.Fitted refit(double[] y, int n, Model.Fitted previous) {
        var components = decompose(y, n, periods);
        var adjusted = adjusted(y, n, components);
        var earlier = previous instanceof Fitted f ? f.trendFit : trend.fit(adjusted, n);
        return calibrated(y, new Fitted(components, n, trend.refit(adjusted, n, earlier), UNIFORM, 1, 1));
    }

    /** The fit with its interval widths calibrated on its out-of-sample errors at earlier origins (class comment). */
    private Fitted calibrated(double[] y, Fitted fitted) {
        int step = periods[periods.length - 1];
        int cycle = periods[0];
        var errors = new double[CALIBRATION_WINDOWS * step];
        var positions = new int[errors.length];
        int count = 0;
        for (int k = 1; k <= CALIBRATION_WINDOWS; k++) {
            int origin = fitted.n - k * step;
            if (origin < minLength()) {
                break;
            }
            var earlier = fitted.at(y, origin).predict(step);
            for (int h = 0; h < step; h++) {
                double sd = (earlier.hi80()[h] - earlier.mean()[h]) / Prediction.Z80;
                if (sd > 0) {
                    errors[count] = (y[origin + h] - earlier.mean()[h]) / sd;
                    positions[count++] = (origin + h) % cycle;
                }
            }
        }
        if (count < MIN_SCORES) {
            return fitted;
        }
        var spread = spread(errors, positions, count, cycle);
        var scores = new double[count];
        for (int i = 0; i < count; i++) {
            scores[i] = Math.abs(errors[i]) / spread[positions[i]];
        }
        Arrays.sort(scores);
        return new Fitted(
                fitted.components,
                fitted.n,
                fitted.trendFit,
                spread,
                conformal(scores, 0.80) / Prediction.Z80,
                conformal(scores, 0.95) / Prediction.Z95);
    }

    /**
     * The split-conformal quantile of sorted scores: the ⌈(n + 1)·level⌉-th smallest, which covers a new score with
     * probability at least {@code level} (Vovk et al.; Angelopoulos and Bates, "A Gentle Introduction to Conformal
     * Prediction", 2021, §1). The plain empirical quantile falls short by about 1/n.
     */
    static double conformal(double[] sorted, double level) {
        int k = (int) Math.ceil((sorted.length + 1) * level);
        return sorted[Math.min(k, sorted.length) - 1];
    }

    /**
     * The spread of the standardised errors at each position of the shortest cycle relative to all of them, from the
     * position and its two neighbours: contact volumes are far noisier at the midday peak than at night, and one
     * width for the whole day would cover the night and miss the peak.
     */
    private static double[] spread(double[] errors, int[] positions, int count, int cycle) {
        var sums = new double[cycle];
        var counts = new int[cycle];
        double total = 0;
        for (int i = 0; i < count; i++) {
            double squared = errors[i] * errors[i];
            sums[positions[i]] += squared;
            counts[positions[i]]++;
            total += squared;
        }
        double overall = total / count;
        var spread = new double[cycle];
        for (int j = 0; j < cycle; j++) {
            double sum = 0;
            int n = 0;
            for (int d = -1; d <= 1; d++) {
                int at = Math.floorMod(j + d, cycle);
                sum += sums[at];
                n += counts[at];
            }
            spread[j] = n == 0 || overall == 0 ? 1 : Math.max(MIN_SPREAD, Math.sqrt(sum / n / overall));
        }
        return spread;
    }

    private static double[] adjusted(double[] y, int n, double[][] components) {
        var adjusted = new double[n];
        for (int t = 0; t < n; t++) {
            double value = y[t];
            for (var component : components) {
                value -= component[t];
            }
            adjusted[t] = value;
        }
        return adjusted;
    }

    /** The seasonal components of the first {@code n} values, one per period, shortest period first. */
    static double[][] decompose(double[] y, int n, int[] periods) {
        var components = new double[periods.length][n];
        var rest = new double[n];
        System.arraycopy(y, 0, rest, 0, n);
        var work = new double[n];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            for (int k = 0; k < periods.length; k++) {
                for (int t = 0; t < n; t++) {
                    work[t] = rest[t] + components[k][t];
                }
                components[k] = seasonal(work, n, periods[k], k == periods.length - 1);
                for (int t = 0; t < n; t++) {
                    rest[t] = work[t] - components[k][t];
                }
            }
        }
        return components;
    }

    /**
     * One period's seasonal component of x: detrend, average each cycle position over neighbouring cycles (the median
     * when robust), centre.
     */
    static double[] seasonal(double[] x, int n, int period, boolean robust) {
        var detrended = new double[n];
        var trend = movingAverage(x, n, period);
        for (int t = 0; t < n; t++) {
            detrended[t] = x[t] - trend[t];
        }
        var season = new double[n];
        int cycles = (n + period - 1) / period;
        var window = new double[2 * NEIGHBOURS + 1];
        for (int t = 0; t < n; t++) {
            int cycle = t / period;
            int position = t % period;
            int count = 0;
            for (int c = Math.max(0, cycle - NEIGHBOURS); c <= Math.min(cycles - 1, cycle + NEIGHBOURS); c++) {
                int at = c * period + position;
                if (at < n) {
                    window[count++] = detrended[at];
                }
            }
            season[t] = robust ? median(window, count) : mean(window, count);
        }
        var level = movingAverage(season, n, period);
        for (int t = 0; t < n; t++) {
            season[t] -= level[t];
        }
        return season;
    }

    private static double mean(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum / count;
    }

    /** The median of the first {@code count} values (reordering them). */
    private static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        return count % 2 == 1 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
    }

    /**
     * The centred moving average of one period (2×m for an even period) by running sums; the ends, which a centred
     * window cannot reach, take the nearest computed value.
     */
    static double[] movingAverage(double[] x, int n, int period) {
        var result = new double[n];
        if (n < period + 1) {
            double mean = 0;
            for (int t = 0; t < n; t++) {
                mean += x[t];
            }
            Arrays.fill(result, n == 0 ? 0 : mean / n);
            return result;
        }
        var prefix = new double[n + 1];
        for (int t = 0; t < n; t++) {
            prefix[t + 1] = prefix[t] + x[t];
        }
        int half = period / 2;
        int first = half;
        int last = n - 1 - half;
        for (int t = first; t <= last; t++) {
            if (period % 2 == 0) {
                double inner = prefix[t + half] - prefix[t - half + 1];
                result[t] = (inner + 0.5 * x[t - half] + 0.5 * x[t + half]) / period;
            } else {
                result[t] = (prefix[t + half + 1] - prefix[t - half]) / period;
            }
        }
        for (int t = 0; t < first; t++) {
            result[t] = result[first];
        }
        for (int t = last + 1; t < n; t++) {
            result[t] = result[last];
        }
        return result;
    }

    private final class Fitted implements Model.Fitted {
        private final double[][] components;
        private final int n;
        private final Model.Fitted trendFit;
        /** The relative spread per position of the shortest cycle; {@link #UNIFORM} uncalibrated. */
        private final double[] spread;
        /** How much wider than normal the 80 % and 95 % intervals are, from the calibration; 1 uncalibrated. */
        private final double factor80;

        private final double factor95;

        Fitted(double[][] components, int n, Model.Fitted trendFit, double[] spread, double factor80, double factor95) {
            this.components = components;
            this.n = n;
            this.trendFit = trendFit;
            this.spread = spread;
            this.factor80 = factor80;
            this.factor95 = factor95;
        }

        @Override
        public String name() {
            return Mstl.this.name() + " + " + trendFit.name();
        }

        @Override
        public Prediction predict(int horizon) {
            var season = new double[horizon];
            for (int k = 0; k < periods.length; k++) {
                int period = periods[k];
                for (int h = 0; h < horizon; h++) {
                    season[h] += components[k][n - period + h % period];
                }
            }
            var widen80 = new double[horizon];
            var widen95 = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                double relative = spread == UNIFORM ? 1 : spread[(n + h) % spread.length];
                widen80[h] = factor80 * relative;
                widen95[h] = factor95 * relative;
            }
            return trendFit.predict(horizon).shifted(season).widened(widen80, widen95);
        }

        /** The same parameters and calibration run over the first {@code length} values, fewer or more. */
        Fitted at(double[] y, int length) {
            var extended = decompose(y, length, periods);
            var trendAt = trendFit.extend(adjusted(y, length, extended), length);
            return new Fitted(extended, length, trendAt, spread, factor80, factor95);
        }

        @Override
        public Model.Fitted extend(double[] y, int length) {
            return at(y, length);
        }
    }
}
