package dev.foresight.forecasting.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The models tried on a series, from its frequency and length: the naive methods always; seasonal naive, seasonal
 * ETS members and the seasonal adjustment of Theta only with at least two full seasons (otherwise the note says it
 * fell back); for intraday data the weekly seasonal naive and the multiple-seasonality model once two weeks are there.
 */
final class Candidates {

    /**
     * How thorough the model search is.
     *
     * @param optimiseStates whether ETS (and Theta's smoothing) optimise the initial level and slope too
     */
    record Search(List<Ets.Form> forms, int maxEvaluations, int simulations, double tolerance, boolean optimiseStates) {
        static final Search FULL = new Search(AutoEts.ALL, 1000, 500, 1e-7, true);
        /**
         * For thousands of series: a bounded set of ETS forms, a looser stopping rule, fewer sample paths, and the
         * heuristic initial states: optimising them made the benchmark no more accurate (MASE 0.725 either way, 94.9 %
         * against 95.0 % of series better than seasonal naive) for about 11 % more CPU.
         */
        static final Search FAST = new Search(AutoEts.FAST, 150, 200, 1e-5, false);
    }

    private Candidates() {}

    static List<Model> of(Frequency frequency, double[] y, Search search, List<String> notes) {
        int n = y.length;
        int period = frequency.period();
        var models = new ArrayList<Model>();
        models.add(new Naive(1));
        boolean seasonal = n >= 2 * period + 2;
        if (seasonal) {
            models.add(new Naive(period, frequency.intraday() ? "Seasonal naive (daily)" : "Seasonal naive"));
        } else {
            notes.add("Too short for a seasonal model (" + n + " values, a season is " + period
                    + "); fell back to non-seasonal models.");
        }
        models.add(new AutoEts(
                search.forms(),
                seasonal ? period : 1,
                search.maxEvaluations(),
                search.simulations(),
                search.tolerance(),
                search.optimiseStates()));
        models.add(new Theta(seasonal ? period : 1, search.maxEvaluations(), search.optimiseStates()));
        int week = frequency.secondPeriod();
        if (week > 0) {
            if (n >= 2 * week + 2) {
                models.add(new Naive(week, "Seasonal naive (weekly)"));
                models.add(new Mstl(new int[] {period, week}, search.maxEvaluations()));
            } else if (seasonal) {
                notes.add("Under two weeks of data: no weekly season.");
            }
        }
        return models;
    }
}
