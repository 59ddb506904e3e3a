package dev.foresight.forecasting.internal;

import java.util.List;

/**
 * A multiple-seasonality model for intraday data in the manner of MSTL (Bandara, Hyndman & Bergmeir 2021), simplified:
 * each seasonal component (daily, then weekly) is extracted in turn from the series minus the others, twice over, by
 * removing a centred moving average of one period and averaging each position of the cycle over the neighbouring
 * cycles (a boxcar over ±{@value #NEIGHBOURS} cycles where STL uses loess), then re-centred so each period's component
 * sums to about zero. The seasonally adjusted rest is forecast by AutoETS without season (simple or damped trend,
 * additive errors) and each component is carried forward as its last cycle, as statsforecast's MSTL does. The
 * intervals are the adjusted series' ETS intervals, so they omit the seasonal components' uncertainty; the backtest
 * coverage shows how far that matters.
 */
final class Mstl implements Model {

    static final int NEIGHBOURS = 2;
    private static final int ITERATIONS = 2;

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
        return new Fitted(components, n, trend.fit(adjusted, n));
    }

    @Override
    public Model.Fitted refit(double[] y, int n, Model.Fitted previous) {
        var components = decompose(y, n, periods);
        var adjusted = adjusted(y, n, components);
        var earlier = previous instanceof Fitted f ? f.trendFit : trend.fit(adjusted, n);
        return new Fitted(components, n, trend.refit(adjusted, n, earlier));
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
                components[k] = seasonal(work, n, periods[k]);
                for (int t = 0; t < n; t++) {
                    rest[t] = work[t] - components[k][t];
                }
            }
        }
        return components;
    }

    /** One period's seasonal component of x: detrend, average each cycle position over neighbouring cycles, centre. */
    static double[] seasonal(double[] x, int n, int period) {
        var detrended = new double[n];
        var trend = movingAverage(x, n, period);
        for (int t = 0; t < n; t++) {
            detrended[t] = x[t] - trend[t];
        }
        var season = new double[n];
        int cycles = (n + period - 1) / period;
        for (int t = 0; t < n; t++) {
            int cycle = t / period;
            int position = t % period;
            double sum = 0;
            int count = 0;
            for (int c = Math.max(0, cycle - NEIGHBOURS); c <= Math.min(cycles - 1, cycle + NEIGHBOURS); c++) {
                int at = c * period + position;
                if (at < n) {
                    sum += detrended[at];
                    count++;
                }
            }
            season[t] = sum / count;
        }
        var level = movingAverage(season, n, period);
        for (int t = 0; t < n; t++) {
            season[t] -= level[t];
        }
        return season;
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
            java.util.Arrays.fill(result, n == 0 ? 0 : mean / n);
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

        Fitted(double[][] components, int n, Model.Fitted trendFit) {
            this.components = components;
            this.n = n;
            this.trendFit = trendFit;
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
            return trendFit.predict(horizon).shifted(season);
        }

        @Override
        public Model.Fitted extend(double[] y, int length) {
            var extended = decompose(y, length, periods);
            return new Fitted(extended, length, trendFit.extend(adjusted(y, length, extended), length));
        }
    }
}
