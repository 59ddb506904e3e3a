package dev.foresight.forecasting.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.jspecify.annotations.Nullable;

/**
 * One exponential smoothing state space model ETS(error, trend, season) of Hyndman, Koehler, Snyder & Grose (2002) and
 * Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing" (2008), written as R's forecast::ets writes
 * it: the same error-correction updates, the same likelihood ({@code n log SSE}, plus {@code 2 Σ log|μ|} for
 * multiplicative errors), the same parameter space ({@code 0 < β < α}, {@code 0 < γ < 1 − α}, {@code 0.8 ≤ φ ≤ 0.98})
 * and R's heuristic initial states (classical decomposition of the first three seasons, then a regression on the first
 * values) as the starting point. As R does, the initial level and slope are then optimised with the smoothing
 * parameters by the likelihood, with Commons Math's Nelder–Mead over the admissible box for the smoothing parameters
 * and freely for the states; unlike R, the initial seasonal indices stay heuristic (m − 1 more dimensions would
 * make the search far slower for little gain). Intervals are analytic for the class 1 models (additive error, no
 * multiplicative season; Hyndman et al. 2008, ch. 6) and simulated from the fitted model otherwise.
 */
final class Ets implements Model {

    enum Error {
        A,
        M
    }

    enum Trend {
        N,
        A,
        AD
    }

    enum Season {
        N,
        A,
        M
    }

    /** A member of the family. */
    record Form(Error error, Trend trend, Season season) {
        String label() {
            return "ETS(" + error + "," + (trend == Trend.AD ? "Ad" : trend.name()) + "," + season + ")";
        }

        boolean multiplicative() {
            return error == Error.M || season == Season.M;
        }

        /** Smoothing parameters optimised: α, then β with a trend, γ with a season, φ when damped. */
        int smoothing() {
            return 1 + (trend != Trend.N ? 1 : 0) + (season != Season.N ? 1 : 0) + (trend == Trend.AD ? 1 : 0);
        }
    }

    private static final double LOWER = 1e-4;
    private static final double UPPER = 0.9999;
    private static final double PHI_LOWER = 0.8;
    private static final double PHI_UPPER = 0.98;

    private final Form form;
    private final int period;
    private final int maxEvaluations;
    private final int simulations;
    private final double tolerance;
    private final boolean optimiseStates;

    Ets(Form form, int period, int maxEvaluations, int simulations) {
        this(form, period, maxEvaluations, simulations, 1e-7, true);
    }

    /**
     * @param tolerance the relative change of the criterion at which the optimiser stops
     * @param optimiseStates whether the initial level and slope are optimised too, or kept at the heuristic's values
     */
    Ets(Form form, int period, int maxEvaluations, int simulations, double tolerance, boolean optimiseStates) {
        this.form = form;
        this.period = form.season() == Season.N ? 1 : period;
        this.maxEvaluations = maxEvaluations;
        this.simulations = simulations;
        this.tolerance = tolerance;
        this.optimiseStates = optimiseStates;
    }

    Form form() {
        return form;
    }

    @Override
    public String name() {
        return form.label();
    }

    @Override
    public int minLength() {
        return form.season() == Season.N ? 6 : 2 * period + 2;
    }

    @Override
    public Fitted fit(double[] y, int n) {
        return estimate(y, n, null);
    }

    @Override
    public Model.Fitted refit(double[] y, int n, Model.Fitted previous) {
        return estimate(y, n, previous instanceof Fitted f && f.form().equals(form) ? f : null);
    }

    /** The recursion's state after some values: level, slope and the seasonal indices by time modulo the period. */
    static final class State {
        double level;
        double slope;
        final double[] season;

        State(int period) {
            this.season = new double[period];
        }
    }

    /** Fitted parameters and the state at the end of the fitted values. */
    final class Fitted implements Model.Fitted {
        final double alpha;
        final double beta;
        final double gamma;
        final double phi;
        final double[] y;
        final int n;
        final State initial;
        final State end;
        final double sigma2;
        final double likelihood;

        Fitted(double[] y, int n, double[] parameters, State initial) {
            this.y = y;
            this.n = n;
            this.alpha = parameters[0];
            this.beta = parameters[1];
            this.gamma = parameters[2];
            this.phi = parameters[3];
            this.initial = initial;
            this.end = new State(period);
            var sse = new double[1];
            this.likelihood = filter(y, n, parameters, initial, end, sse);
            this.sigma2 = sse[0] / Math.max(1, n - parameterCount());
        }

        Form form() {
            return form;
        }

        Ets model() {
            return Ets.this;
        }

        double[] parameters() {
            return new double[] {alpha, beta, gamma, phi};
        }

        /** Parameters counted as R counts them: smoothing parameters, initial states and the error variance. */
        int parameterCount() {
            return form.smoothing() + 1 + (form.trend() != Trend.N ? 1 : 0) + (period > 1 ? period - 1 : 0) + 1;
        }

        /** Akaike's criterion with the small-sample correction, as AutoETS ranks models. */
        double aicc() {
            int k = parameterCount();
            double aic = likelihood + 2 * k;
            return n - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (n - k - 1) : Double.POSITIVE_INFINITY;
        }

        @Override
        public String name() {
            return form.label();
        }

        @Override
        public Prediction predict(int horizon) {
            var mean = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                mean[h - 1] = pointForecast(end, h);
            }
            if (form.error() == Error.A && form.season() != Season.M) {
                return Prediction.normal(mean, class1Variance(horizon));
            }
            return simulated(mean, horizon);
        }

        private double pointForecast(State state, int h) {
            double damp =
                    switch (form.trend()) {
                        case N -> 0;
                        case A -> h;
                        case AD -> phi == 1 ? h : phi * (1 - Math.pow(phi, h)) / (1 - phi);
                    };
            double base = state.level + damp * state.slope;
            double s = state.season[(n + h - 1) % period];
            return switch (form.season()) {
                case N -> base;
                case A -> base + s;
                case M -> base * s;
            };
        }

        /** σ² (1 + Σ c_j²) with c_j = α + β φ_j + γ [j mod m = 0] (Hyndman et al. 2008, eq. 6.20, table 6.1). */
        double[] class1Variance(int horizon) {
            var variance = new double[horizon];
            double sum = 0;
            double phiJ = 0;
            double phiPower = 1;
            for (int h = 1; h <= horizon; h++) {
                variance[h - 1] = sigma2 * (1 + sum);
                int j = h;
                if (form.trend() == Trend.A) {
                    phiJ = j;
                } else if (form.trend() == Trend.AD) {
                    phiPower *= phi;
                    phiJ += phiPower;
                }
                double c = alpha
                        + (form.trend() != Trend.N ? beta * phiJ : 0)
                        + (form.season() != Season.N && j % period == 0 ? gamma : 0);
                sum += c * c;
            }
            return variance;
        }

        /** Quantiles of sample paths drawn from the fitted model with a fixed seed, so a run can be repeated. */
        private Prediction simulated(double[] mean, int horizon) {
            int paths = simulations;
            var draws = new double[horizon][paths];
            var random = new SplittableRandom(n * 31L + horizon);
            double sigma = Math.sqrt(sigma2);
            var state = new State(period);
            for (int p = 0; p < paths; p++) {
                state.level = end.level;
                state.slope = end.slope;
                System.arraycopy(end.season, 0, state.season, 0, period);
                for (int h = 0; h < horizon; h++) {
                    int t = n + h;
                    double q = state.level + (form.trend() == Trend.N ? 0 : phi * state.slope);
                    double s = state.season[t % period];
                    double mu = form.season() == Season.N ? q : form.season() == Season.A ? q + s : q * s;
                    double e = random.nextGaussian() * sigma;
                    double value = form.error() == Error.A ? mu + e : mu * (1 + e);
                    draws[h][p] = value;
                    step(state, t, value, q, s);
                }
            }
            var lo80 = new double[horizon];
            var hi80 = new double[horizon];
            var lo95 = new double[horizon];
            var hi95 = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                var column = draws[h];
                Arrays.sort(column);
                lo80[h] = quantile(column, 0.10);
                hi80[h] = quantile(column, 0.90);
                lo95[h] = quantile(column, 0.025);
                hi95[h] = quantile(column, 0.975);
            }
            return new Prediction(mean, lo80, hi80, lo95, hi95);
        }

        private void step(State state, int t, double value, double q, double s) {
            double p = form.season() == Season.N ? value : form.season() == Season.A ? value - s : value / s;
            double level = q + alpha * (p - q);
            if (form.trend() != Trend.N) {
                double phib = phi * state.slope;
                state.slope = phib + (beta / alpha) * (level - state.level - phib);
            }
            if (form.season() != Season.N) {
                double target = form.season() == Season.A ? value - q : value / q;
                state.season[t % period] = s + gamma * (target - s);
            }
            state.level = level;
        }

        @Override
        public Model.Fitted extend(double[] values, int length) {
            return new Fitted(values, length, parameters(), initial);
        }
    }

    /** The p-quantile of sorted values, interpolated linearly between order statistics. */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(sorted.length - 1, lower + 1);
        double weight = position - lower;
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }

    /**
     * Runs the recursion over the first {@code n} values and returns R's criterion {@code n log SSE (+ 2 Σ log|μ|)};
     * infinite when a multiplicative model meets a non-positive one-step forecast.
     */
    private double filter(double[] y, int n, double[] parameters, State initial, State end, double[] sse) {
        double alpha = parameters[0];
        double beta = parameters[1];
        double gamma = parameters[2];
        double phi = form.trend() == Trend.AD ? parameters[3] : 1;
        double level = initial.level;
        double slope = initial.slope;
        var season = end.season;
        System.arraycopy(initial.season, 0, season, 0, period);
        boolean trended = form.trend() != Trend.N;
        var seasonType = form.season();
        boolean multiplicativeError = form.error() == Error.M;
        double sumSq = 0;
        double sumLog = 0;
        // Σ log μ as the log of running products, taken when they grow large: one log per many steps, not per step.
        double product = 1;
        double betaStar = beta / alpha;
        int index = -1;
        for (int t = 0; t < n; t++) {
            double phib = trended ? phi * slope : 0;
            double q = level + phib;
            // t modulo the period, without a division per step
            index = index + 1 == period ? 0 : index + 1;
            double s = season[index];
            double mu = seasonType == Season.N ? q : seasonType == Season.A ? q + s : q * s;
            double value = y[t];
            if (multiplicativeError) {
                if (!(mu > 0)) {
                    sse[0] = Double.POSITIVE_INFINITY;
                    return Double.POSITIVE_INFINITY;
                }
                double e = (value - mu) / mu;
                sumSq += e * e;
                product *= mu;
                if (product > 1e150 || product < 1e-150) {
                    sumLog += Math.log(product);
                    product = 1;
                }
            } else {
                double e = value - mu;
                sumSq += e * e;
            }
            double p;
            if (seasonType == Season.N) {
                p = value;
            } else if (seasonType == Season.A) {
                p = value - s;
            } else {
                if (!(s > 0)) {
                    sse[0] = Double.POSITIVE_INFINITY;
                    return Double.POSITIVE_INFINITY;
                }
                p = value / s;
            }
            double newLevel = q + alpha * (p - q);
            if (trended) {
                slope = phib + betaStar * (newLevel - level - phib);
            }
            if (seasonType == Season.A) {
                season[index] = s + gamma * (value - q - s);
            } else if (seasonType == Season.M) {
                if (!(q > 0)) {
                    sse[0] = Double.POSITIVE_INFINITY;
                    return Double.POSITIVE_INFINITY;
                }
                season[index] = s + gamma * (value / q - s);
            }
            level = newLevel;
        }
        end.level = level;
        end.slope = slope;
        sse[0] = sumSq;
        sumLog += Math.log(product);
        if (!Double.isFinite(sumSq)) {
            return Double.POSITIVE_INFINITY;
        }
        // A perfect fit has no error to take the log of; a tiny floor keeps the criterion finite and comparable.
        double criterion = n * Math.log(Math.max(sumSq, 1e-300));
        return multiplicativeError ? criterion + 2 * sumLog : criterion;
    }

    /**
     * Estimates the smoothing parameters and the initial level and slope, from R's starting values and heuristic
     * states or from an earlier fit's.
     */
    Fitted estimate(double[] y, int n, @Nullable Fitted warm) {
        var heuristic = initialState(y, n);
        int smoothing = form.smoothing();
        int states = optimiseStates ? (form.trend() != Trend.N ? 2 : 1) : 0;
        int dimensions = smoothing + states;
        // A unit of a state coordinate is the typical step between the first values (their slope per step for the
        // slope), so the simplex's first moves are of the size the states are uncertain by.
        int first = Math.min(n, Math.max(10, 2 * period));
        double typicalStep = Math.max(Naive.meanAbsoluteDifference(y, first, 1), 1e-6 * Math.abs(heuristic.level));
        double levelUnit = typicalStep > 0 ? typicalStep : 1;
        double slopeUnit = levelUnit / first;
        var scratchInitial = new State(period);
        System.arraycopy(heuristic.season, 0, scratchInitial.season, 0, period);
        var scratchEnd = new State(period);
        var sse = new double[1];
        var candidate = new double[4];
        MultivariateFunction objective = u -> {
            toParameters(u, candidate);
            toState(u, smoothing, states, heuristic, levelUnit, slopeUnit, scratchInitial);
            double value = filter(y, n, candidate, scratchInitial, scratchEnd, sse);
            return Double.isFinite(value) ? value : 1e300;
        };
        double[] best;
        if (warm != null) {
            var start = Arrays.copyOf(unitOf(warm.parameters()), dimensions);
            if (states > 0) {
                start[smoothing] = (warm.initial.level - heuristic.level) / levelUnit;
            }
            if (states > 1) {
                start[smoothing + 1] = (warm.initial.slope - heuristic.slope) / slopeUnit;
            }
            best = search(objective, start, smoothing, 0.05, 0.5);
        } else {
            // The smoothing parameters from the heuristic states first, then everything from there: one joint search
            // from R's starting point lands in worse optima of the larger space (ETS(A,A,A) of AirPassengers did).
            MultivariateFunction fromHeuristic = u -> objective.value(Arrays.copyOf(u, dimensions));
            var smoothed = search(fromHeuristic, Arrays.copyOf(startingPoint(), smoothing), smoothing, 0.15, 0);
            best = states == 0 ? smoothed : search(objective, Arrays.copyOf(smoothed, dimensions), smoothing, 0.05, 1);
        }
        var parameters = new double[4];
        toParameters(best, parameters);
        var initial = new State(period);
        System.arraycopy(heuristic.season, 0, initial.season, 0, period);
        toState(best, smoothing, states, heuristic, levelUnit, slopeUnit, initial);
        return new Fitted(y, n, parameters, initial);
    }

    /**
     * The minimum from a start: Brent over the unit interval for one coordinate, otherwise Nelder–Mead with a first
     * simplex of {@code boxedStep} along the first {@code boxed} (unit box) coordinates and {@code freeStep} along the
     * others.
     */
    private double[] search(
            MultivariateFunction objective, double[] start, int boxed, double boxedStep, double freeStep) {
        var x0 = start.clone();
        for (int i = 0; i < boxed; i++) {
            x0[i] = Math.clamp(x0[i], 0.0, 1.0);
        }
        if (x0.length == 1) {
            var optimum = new BrentOptimizer(1e-6, 1e-8)
                    .optimize(
                            new MaxEval(maxEvaluations),
                            GoalType.MINIMIZE,
                            new UnivariateObjectiveFunction(a -> objective.value(new double[] {a})),
                            new SearchInterval(0, 1, x0[0]));
            return new double[] {optimum.getPoint()};
        }
        var steps = new double[x0.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i < boxed ? boxedStep : freeStep;
        }
        return minimise(objective, x0, boxed, steps);
    }

    /** The initial level and slope at a point of the search: the heuristic's, moved by the state coordinates. */
    private static void toState(
            double[] u, int smoothing, int states, State heuristic, double levelUnit, double slopeUnit, State state) {
        state.level = heuristic.level + (states > 0 ? u[smoothing] * levelUnit : 0);
        state.slope = heuristic.slope + (states > 1 ? u[smoothing + 1] * slopeUnit : 0);
    }

    /**
     * Nelder–Mead (Commons Math's {@link SimplexOptimizer}, the method R's ets uses too), the first {@code boxed}
     * coordinates over the unit box: a point outside is evaluated at its projection onto the box plus a penalty
     * growing with the distance, so the search stays inside without a hand-written constrained optimiser. The other
     * coordinates (the initial states) are free.
     */
    private double[] minimise(MultivariateFunction objective, double[] x0, int boxed, double[] steps) {
        int dimensions = x0.length;
        var projected = new double[dimensions];
        var best = x0.clone();
        var bestValue = new double[] {Double.POSITIVE_INFINITY};
        MultivariateFunction penalised = u -> {
            double outside = 0;
            for (int i = 0; i < dimensions; i++) {
                projected[i] = i < boxed ? Math.clamp(u[i], 0.0, 1.0) : u[i];
                outside += Math.abs(u[i] - projected[i]);
            }
            double value = objective.value(projected);
            if (value < bestValue[0]) {
                bestValue[0] = value;
                System.arraycopy(projected, 0, best, 0, dimensions);
            }
            return outside == 0 ? value : value + Math.abs(value) * outside + outside;
        };
        try {
            var optimum = new SimplexOptimizer(new SimpleValueChecker(tolerance, 1e-9))
                    .optimize(
                            new MaxEval(maxEvaluations),
                            new ObjectiveFunction(penalised),
                            GoalType.MINIMIZE,
                            new InitialGuess(x0),
                            new NelderMeadSimplex(steps));
            var point = optimum.getPoint();
            for (int i = 0; i < boxed; i++) {
                point[i] = Math.clamp(point[i], 0.0, 1.0);
            }
            return point;
        } catch (TooManyEvaluationsException exhausted) {
            // The budget ran out: keep the best point evaluated, which the optimiser does not hand back.
            return best;
        }
    }

    /** R's starting values: α a fifth of the way (divided by the period for seasonal models), β, γ small, φ high. */
    private double[] startingPoint() {
        var start = new double[4];
        int i = 0;
        start[i++] = 0.2 / (form.season() == Season.N ? 1 : period);
        if (form.trend() != Trend.N) {
            start[i++] = 0.1;
        }
        if (form.season() != Season.N) {
            start[i++] = 0.05;
        }
        if (form.trend() == Trend.AD) {
            start[i] = 0.99;
        }
        return start;
    }

    /** Maps the unit box the optimiser searches onto the admissible parameters. */
    private void toParameters(double[] u, double[] parameters) {
        int i = 0;
        double alpha = LOWER + (UPPER - LOWER) * u[i++];
        double beta = 0;
        double gamma = 0;
        double phi = 1;
        if (form.trend() != Trend.N) {
            beta = Math.max(LOWER * 0.5, (alpha - LOWER) * u[i++]);
        }
        if (form.season() != Season.N) {
            gamma = Math.max(LOWER * 0.5, (1 - alpha - LOWER) * u[i++]);
        }
        if (form.trend() == Trend.AD) {
            phi = PHI_LOWER + (PHI_UPPER - PHI_LOWER) * u[i];
        }
        parameters[0] = alpha;
        parameters[1] = beta;
        parameters[2] = gamma;
        parameters[3] = phi;
    }

    private double[] unitOf(double[] parameters) {
        var u = new double[4];
        int i = 0;
        double alpha = parameters[0];
        u[i++] = (alpha - LOWER) / (UPPER - LOWER);
        if (form.trend() != Trend.N) {
            u[i++] = alpha - LOWER > 0 ? parameters[1] / (alpha - LOWER) : 0;
        }
        if (form.season() != Season.N) {
            u[i++] = 1 - alpha - LOWER > 0 ? parameters[2] / (1 - alpha - LOWER) : 0;
        }
        if (form.trend() == Trend.AD) {
            u[i] = (parameters[3] - PHI_LOWER) / (PHI_UPPER - PHI_LOWER);
        }
        return u;
    }

    /**
     * R's initial states: seasonal indices from a classical decomposition of the first (up to three) seasons, then
     * the level (and slope) from the first {@code max(10, 2m)} seasonally adjusted values.
     */
    State initialState(double[] y, int n) {
        var state = new State(period);
        var adjusted = new double[Math.min(n, Math.max(10, 2 * period))];
        if (form.season() != Season.N) {
            var indices = seasonalIndices(y, Math.min(n, 3 * period), period, form.season() == Season.M);
            for (int j = 0; j < period; j++) {
                state.season[j] = form.season() == Season.M ? Math.max(indices[j], 1e-2) : indices[j];
            }
            for (int t = 0; t < adjusted.length; t++) {
                double s = state.season[t % period];
                adjusted[t] = form.season() == Season.A ? y[t] - s : y[t] / s;
            }
        } else {
            Arrays.fill(state.season, form.season() == Season.M ? 1 : 0);
            System.arraycopy(y, 0, adjusted, 0, adjusted.length);
        }
        int k = adjusted.length;
        if (form.trend() == Trend.N) {
            double sum = 0;
            for (double v : adjusted) {
                sum += v;
            }
            state.level = sum / k;
        } else {
            // Least squares of the adjusted values on 1..k: the intercept is the level just before the first value.
            double meanX = (k + 1) / 2.0;
            double meanY = 0;
            for (double v : adjusted) {
                meanY += v;
            }
            meanY /= k;
            double sxy = 0;
            double sxx = 0;
            for (int t = 0; t < k; t++) {
                double dx = t + 1 - meanX;
                sxy += dx * (adjusted[t] - meanY);
                sxx += dx * dx;
            }
            state.slope = sxx == 0 ? 0 : sxy / sxx;
            state.level = meanY - state.slope * meanX;
            if (Math.abs(state.level + state.slope) < 1e-8) {
                state.level *= 1 + 1e-3;
                state.slope *= 1 - 1e-3;
            }
        }
        return state;
    }

    /**
     * Classical decomposition's seasonal indices of the first {@code n} values (at least two seasons): a centred
     * moving average of one season as the trend, the mean detrended value per position, normalised to sum to zero
     * (additive) or average one (multiplicative). Index {@code j} belongs to the times congruent to {@code j}.
     */
    static double[] seasonalIndices(double[] y, int n, int period, boolean multiplicative) {
        var sums = new double[period];
        var counts = new int[period];
        int half = period / 2;
        for (int t = half; t < n - half; t++) {
            double trend;
            if (period % 2 == 0) {
                double sum = 0.5 * y[t - half] + 0.5 * y[t + half];
                for (int i = t - half + 1; i < t + half; i++) {
                    sum += y[i];
                }
                trend = sum / period;
            } else {
                double sum = 0;
                for (int i = t - half; i <= t + half; i++) {
                    sum += y[i];
                }
                trend = sum / period;
            }
            double detrended = multiplicative ? (trend != 0 ? y[t] / trend : 1) : y[t] - trend;
            sums[t % period] += detrended;
            counts[t % period]++;
        }
        var indices = new double[period];
        double total = 0;
        for (int j = 0; j < period; j++) {
            indices[j] = counts[j] == 0 ? (multiplicative ? 1 : 0) : sums[j] / counts[j];
            total += indices[j];
        }
        double mean = total / period;
        for (int j = 0; j < period; j++) {
            indices[j] = multiplicative ? (mean != 0 ? indices[j] / mean : 1) : indices[j] - mean;
        }
        return indices;
    }
}
