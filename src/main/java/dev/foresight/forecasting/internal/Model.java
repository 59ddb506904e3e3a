package dev.foresight.forecasting.internal;

/**
 * A forecasting method. {@link #fit} estimates it on the first {@code n} values of a series; the backtest then slides
 * the origin forward with {@link Fitted#extend}, which keeps the estimated parameters (no look-ahead, no refit), and the
 * final forecast refits on all values starting from the backtest's parameters.
 */
interface Model {

    String name();

    /** The fewest values it needs. */
    int minLength();

    Fitted fit(double[] y, int n);

    /** Fits on the first {@code n} values starting from an earlier fit's parameters; by default a fresh fit. */
    default Fitted refit(double[] y, int n, Fitted previous) {
        return fit(y, n);
    }

    /** A model estimated on a series prefix. */
    interface Fitted {

        /** The concrete form, e.g. {@code ETS(A,Ad,A)}. */
        String name();

        Prediction predict(int horizon);

        /** The same parameters run over the first {@code n} values (n at least the fitted length). */
        Fitted extend(double[] y, int n);
    }
}
