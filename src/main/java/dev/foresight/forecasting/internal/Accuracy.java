package dev.foresight.forecasting.internal;

import dev.foresight.forecasting.Backtest;

/**
 * Accumulates backtest errors into MASE, sMAPE, RMSE and interval coverage. MASE divides the mean absolute error by the
 * in-sample mean absolute seasonal difference of the training values (Hyndman & Koehler 2006); a series whose seasonal
 * differences are all zero is scaled by its naive differences, then by its mean level, then by 1.
 */
final class Accuracy {

    private final double scale;
    private double absSum;
    private double sqSum;
    private double smapeSum;
    private int inside80;
    private int inside95;
    private int count;

    Accuracy(double scale) {
        this.scale = scale;
    }

    static double scale(double[] y, int n, int period) {
        double s = period > 1 && n > period ? Naive.meanAbsoluteDifference(y, n, period) : 0;
        if (s <= 0) {
            s = Naive.meanAbsoluteDifference(y, n, 1);
        }
        if (s <= 0) {
            double sum = 0;
            for (int t = 0; t < n; t++) {
                sum += Math.abs(y[t]);
            }
            s = n == 0 ? 0 : sum / n;
        }
        return s > 0 ? s : 1;
    }

    void add(double actual, Prediction prediction, int step) {
        double forecast = prediction.mean()[step];
        double error = actual - forecast;
        absSum += Math.abs(error);
        sqSum += error * error;
        double denominator = Math.abs(actual) + Math.abs(forecast);
        smapeSum += denominator == 0 ? 0 : 200 * Math.abs(error) / denominator;
        if (actual >= prediction.lo80()[step] && actual <= prediction.hi80()[step]) {
            inside80++;
        }
        if (actual >= prediction.lo95()[step] && actual <= prediction.hi95()[step]) {
            inside95++;
        }
        count++;
    }

    double mase() {
        return count == 0 ? Double.NaN : absSum / count / scale;
    }

    Backtest result() {
        if (count == 0) {
            return new Backtest(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Backtest(
                absSum / count / scale,
                smapeSum / count,
                Math.sqrt(sqSum / count),
                (double) inside80 / count,
                (double) inside95 / count);
    }
}
