package dev.foresight.forecasting.internal;

/**
 * The naive (random walk) and seasonal naive forecasts with their textbook intervals: the variance of step h is
 * {@code σ² h} for the naive and {@code σ² (⌊(h-1)/m⌋ + 1)} for the seasonal naive, σ² the mean squared (seasonal)
 * difference (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., table 5.2).
 */
final class Naive implements Model {

    private final int period;
    private final String name;

    /** The naive forecast with {@code period} 1, the seasonal naive with the season's length. */
    Naive(int period) {
        this(period, period <= 1 ? "Naive" : "Seasonal naive");
    }

    Naive(int period, String name) {
        this.period = Math.max(1, period);
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int minLength() {
        return period + 1;
    }

    @Override
    public Model.Fitted fit(double[] y, int n) {
        return new FittedNaive(y, n);
    }

    /** The mean absolute {@code lag}-difference of the first {@code n} values: the MASE scale. */
    static double meanAbsoluteDifference(double[] y, int n, int lag) {
        double sum = 0;
        int count = 0;
        for (int t = lag; t < n; t++) {
            sum += Math.abs(y[t] - y[t - lag]);
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    private final class FittedNaive implements Fitted {
        private final double[] y;
        private final int n;

        FittedNaive(double[] y, int n) {
            this.y = y;
            this.n = n;
        }

        @Override
        public String name() {
            return Naive.this.name();
        }

        @Override
        public Prediction predict(int horizon) {
            double sumSq = 0;
            int count = 0;
            for (int t = period; t < n; t++) {
                double d = y[t] - y[t - period];
                sumSq += d * d;
                count++;
            }
            double sigma2 = count == 0 ? 0 : sumSq / count;
            var mean = new double[horizon];
            var variance = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                mean[h - 1] = y[n - period + (h - 1) % period];
                variance[h - 1] = sigma2 * (period == 1 ? h : (h - 1) / period + 1);
            }
            return Prediction.normal(mean, variance);
        }

        @Override
        public Fitted extend(double[] values, int length) {
            return new FittedNaive(values, length);
        }
    }
}
