package dev.foresight.forecasting.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The models tried on a series, from its frequency and its values: the naive methods always; seasonal ones only with
 * at least two full seasons (otherwise the note says it fell back).
 */
final class Candidates {

    private Candidates() {}

    static List<Model> of(Frequency frequency, double[] y, List<String> notes) {
        int n = y.length;
        int period = frequency.period();
        var models = new ArrayList<Model>();
        models.add(new Naive(1));
        if (n >= 2 * period + 2) {
            models.add(new Naive(period));
        } else {
            notes.add("Too short for a seasonal model (" + n + " values, a season is " + period
                    + "); fell back to non-seasonal models.");
        }
        return models;
    }
}
