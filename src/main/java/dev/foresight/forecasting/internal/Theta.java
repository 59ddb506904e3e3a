package dev.foresight.forecasting.internal;

/**
 * The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form Hyndman & Billah (2003) showed it equals and
 * R's forecast::thetaf computes: simple exponential smoothing with a drift of half the slope of a straight line
 * through the values, {@code f_h = SES_h + b/2 (h − 1 + (1 − (1 − α)^n) / α)}, with SES's intervals. A series that is
 * seasonal at the 90 % level (the lag-m autocorrelation test thetaf uses) is first seasonally adjusted by classical
 * decomposition (multiplicative when all values are positive, additive otherwise) and reseasonalised afterwards.
 */
final class Theta implements Model {

    private final int period;
    private final Ets ses;

    Theta(int period, int maxEvaluations) {
        this(period, maxEvaluations, true);
    }

    /** @param optimiseStates whether the smoothing optimises its initial level too */
    Theta(int period, int maxEvaluations, boolean optimiseStates) {
        this.period = period;
        var form = new Ets.Form(Ets.Error.A, Ets.Trend.N, Ets.Season.N);
        this.ses = new Ets(form, 1, maxEvaluations, 0, 1e-7, optimiseStates);
    }

    @Override
    public String name() {
        return "Theta";
    }

    @Override
    public int minLength() {
        return 6;
    }

    @Override
    public Model.Fitted fit(double[] y, int n) {
        double[] indices = null;
        boolean multiplicative = false;
        if (period > 1 && n >= 2 * period && seasonal(y, n, period)) {
            multiplicative = true;
            for (int t = 0; t < n; t++) {
                if (!(y[t] > 0)) {
                    multiplicative = false;
                    break;
                }
            }
            indices = Ets.seasonalIndices(y, n, period, multiplicative);
        }
        var adjusted = adjust(y, indices, multiplicative);
        double slope = slope(adjusted, n);
        return new Fitted(y, n, indices, multiplicative, adjusted, slope, ses.fit(adjusted, n));
    }

    /** Whether the lag-m autocorrelation exceeds the 90 % bound {@code 1.645 √((1 + 2 Σ_{k<m} r_k²) / n)}. */
    static boolean seasonal(double[] y, int n, int period) {
        double mean = 0;
        for (int t = 0; t < n; t++) {
            mean += y[t];
        }
        mean /= n;
        double denominator = 0;
        for (int t = 0; t < n; t++) {
            denominator += (y[t] - mean) * (y[t] - mean);
        }
        if (denominator == 0) {
            return false;
        }
        double sumSquares = 0;
        double rm = 0;
        for (int k = 1; k <= period; k++) {
            double numerator = 0;
            for (int t = k; t < n; t++) {
                numerator += (y[t] - mean) * (y[t - k] - mean);
            }
            double r = numerator / denominator;
            if (k < period) {
                sumSquares += r * r;
            } else {
                rm = r;
            }
        }
        return Math.abs(rm) > 1.645 * Math.sqrt((1 + 2 * sumSquares) / n);
    }

    private double[] adjust(double[] y, double[] indices, boolean multiplicative) {
        if (indices == null) {
            return y;
        }
        var adjusted = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            double s = indices[t % period];
            adjusted[t] = multiplicative ? y[t] / s : y[t] - s;
        }
        return adjusted;
    }

    /** The least-squares slope of the first n values on time. */
    static double slope(double[] x, int n) {
        double meanT = (n - 1) / 2.0;
        double meanX = 0;
        for (int t = 0; t < n; t++) {
            meanX += x[t];
        }
        meanX /= n;
        double sxy = 0;
        double stt = 0;
        for (int t = 0; t < n; t++) {
            sxy += (t - meanT) * (x[t] - meanX);
            stt += (t - meanT) * (t - meanT);
        }
        return stt == 0 ? 0 : sxy / stt;
    }

    private final class Fitted implements Model.Fitted {
        private final double[] y;
        private final int n;
        private final double[] indices;
        private final boolean multiplicative;
        private final double[] adjusted;
        private final double slope;
        private final Ets.Fitted smoothing;

        Fitted(
                double[] y,
                int n,
                double[] indices,
                boolean multiplicative,
                double[] adjusted,
                double slope,
                Ets.Fitted smoothing) {
            this.y = y;
            this.n = n;
            this.indices = indices;
            this.multiplicative = multiplicative;
            this.adjusted = adjusted;
            this.slope = slope;
            this.smoothing = smoothing;
        }

        @Override
        public String name() {
            return "Theta";
        }

        @Override
        public Prediction predict(int horizon) {
            var base = smoothing.predict(horizon);
            double alpha = smoothing.alpha;
            var drift = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                drift[h] = slope / 2 * (h + (1 - Math.pow(1 - alpha, n)) / alpha);
            }
            var withDrift = base.shifted(drift);
            if (indices == null) {
                return withDrift;
            }
            var season = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                season[h] = indices[(n + h) % period];
            }
            return multiplicative ? withDrift.scaled(season) : withDrift.shifted(season);
        }

        @Override
        public Model.Fitted extend(double[] values, int length) {
            var adjustedAll = values == y ? adjusted : adjust(values, indices, multiplicative);
            return new Fitted(values, length, indices, multiplicative, adjustedAll, slope, (Ets.Fitted)
                    smoothing.extend(adjustedAll, length));
        }
    }
}
