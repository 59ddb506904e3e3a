package dev.foresight.forecasting.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * AutoETS as Hyndman & Khandakar (2008) and R's forecast::ets select: every admissible member of the family is
 * estimated and the one with the lowest AICc wins. Multiplicative models are skipped unless all values are positive,
 * seasonal ones without two full seasons, and (as R's {@code restrict = TRUE}) additive errors with a multiplicative
 * season.
 */
final class AutoEts implements Model {

    /** Every member of the family but the unstable additive-error, multiplicative-season ones. */
    static final List<Ets.Form> ALL = all();

    /**
     * The bounded set used where thousands of series must be fast: simple, damped, seasonal and damped seasonal with
     * additive errors, and the multiplicative seasonal one.
     */
    static final List<Ets.Form> FAST = List.of(
            new Ets.Form(Ets.Error.A, Ets.Trend.N, Ets.Season.N),
            new Ets.Form(Ets.Error.A, Ets.Trend.AD, Ets.Season.N),
            new Ets.Form(Ets.Error.A, Ets.Trend.N, Ets.Season.A),
            new Ets.Form(Ets.Error.A, Ets.Trend.AD, Ets.Season.A),
            new Ets.Form(Ets.Error.M, Ets.Trend.N, Ets.Season.M));

    private final List<Ets> models;
    private final int period;

    AutoEts(List<Ets.Form> forms, int period, int maxEvaluations, int simulations) {
        this(forms, period, maxEvaluations, simulations, 1e-7, true);
    }

    AutoEts(
            List<Ets.Form> forms,
            int period,
            int maxEvaluations,
            int simulations,
            double tolerance,
            boolean optimiseStates) {
        this.period = period;
        this.models = forms.stream()
                .map(form -> new Ets(form, period, maxEvaluations, simulations, tolerance, optimiseStates))
                .toList();
    }

    private static List<Ets.Form> all() {
        var forms = new ArrayList<Ets.Form>();
        for (var error : Ets.Error.values()) {
            for (var trend : Ets.Trend.values()) {
                for (var season : Ets.Season.values()) {
                    if (error == Ets.Error.A && season == Ets.Season.M) {
                        continue;
                    }
                    forms.add(new Ets.Form(error, trend, season));
                }
            }
        }
        return List.copyOf(forms);
    }

    @Override
    public String name() {
        return "AutoETS";
    }

    @Override
    public int minLength() {
        return 6;
    }

    /** The members that may be fitted to these values. */
    List<Ets> admissible(double[] y, int n) {
        boolean positive = true;
        for (int t = 0; t < n; t++) {
            if (!(y[t] > 0)) {
                positive = false;
                break;
            }
        }
        var result = new ArrayList<Ets>();
        for (var model : models) {
            if (model.form().multiplicative() && !positive) {
                continue;
            }
            if (model.form().season() != Ets.Season.N && (period <= 1 || n < model.minLength())) {
                continue;
            }
            result.add(model);
        }
        return result;
    }

    @Override
    public Ets.Fitted fit(double[] y, int n) {
        Ets.Fitted best = null;
        double bestAicc = Double.POSITIVE_INFINITY;
        for (var model : admissible(y, n)) {
            var fitted = model.estimate(y, n, null);
            double aicc = fitted.aicc();
            if (best == null || aicc < bestAicc) {
                best = fitted;
                bestAicc = aicc;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("No ETS model fits " + n + " values.");
        }
        return best;
    }

    @Override
    public Model.Fitted refit(double[] y, int n, Model.Fitted previous) {
        if (previous instanceof Ets.Fitted fitted && admissible(y, n).contains(fitted.model())) {
            return fitted.model().estimate(y, n, fitted);
        }
        return fit(y, n);
    }
}
