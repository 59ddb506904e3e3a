package dev.foresight.forecasting.internal;

/** Point forecasts with 80 % and 95 % prediction intervals, one entry per step ahead. */
record Prediction(double[] mean, double[] lo80, double[] hi80, double[] lo95, double[] hi95) {

    static final double Z80 = 1.2815515655446004;
    static final double Z95 = 1.959963984540054;

    /** Normal intervals around the mean from the forecast variance of each step. */
    static Prediction normal(double[] mean, double[] variance) {
        int h = mean.length;
        var lo80 = new double[h];
        var hi80 = new double[h];
        var lo95 = new double[h];
        var hi95 = new double[h];
        for (int i = 0; i < h; i++) {
            double sd = Math.sqrt(Math.max(variance[i], 0));
            lo80[i] = mean[i] - Z80 * sd;
            hi80[i] = mean[i] + Z80 * sd;
            lo95[i] = mean[i] - Z95 * sd;
            hi95[i] = mean[i] + Z95 * sd;
        }
        return new Prediction(mean, lo80, hi80, lo95, hi95);
    }

    int length() {
        return mean.length;
    }

    /** The same forecast with a per-step offset added to the mean and every bound (a seasonal component). */
    Prediction shifted(double[] offset) {
        int h = mean.length;
        var m = new double[h];
        var a = new double[h];
        var b = new double[h];
        var c = new double[h];
        var d = new double[h];
        for (int i = 0; i < h; i++) {
            m[i] = mean[i] + offset[i];
            a[i] = lo80[i] + offset[i];
            b[i] = hi80[i] + offset[i];
            c[i] = lo95[i] + offset[i];
            d[i] = hi95[i] + offset[i];
        }
        return new Prediction(m, a, b, c, d);
    }

    /**
     * The same mean with each step's interval half-widths multiplied by a factor: {@code factor80} for the 80 % bounds,
     * {@code factor95} for the 95 % ones (a calibration of the model's intervals against its own errors).
     */
    Prediction widened(double[] factor80, double[] factor95) {
        int h = mean.length;
        var a = new double[h];
        var b = new double[h];
        var c = new double[h];
        var d = new double[h];
        for (int i = 0; i < h; i++) {
            a[i] = mean[i] - factor80[i] * (mean[i] - lo80[i]);
            b[i] = mean[i] + factor80[i] * (hi80[i] - mean[i]);
            c[i] = mean[i] - factor95[i] * (mean[i] - lo95[i]);
            d[i] = mean[i] + factor95[i] * (hi95[i] - mean[i]);
        }
        return new Prediction(mean, a, b, c, d);
    }

    /** The same forecast with the mean and every bound multiplied per step (a multiplicative seasonal index). */
    Prediction scaled(double[] factor) {
        int h = mean.length;
        var m = new double[h];
        var a = new double[h];
        var b = new double[h];
        var c = new double[h];
        var d = new double[h];
        for (int i = 0; i < h; i++) {
            m[i] = mean[i] * factor[i];
            a[i] = lo80[i] * factor[i];
            b[i] = hi80[i] * factor[i];
            c[i] = lo95[i] * factor[i];
            d[i] = hi95[i] * factor[i];
        }
        return new Prediction(m, a, b, c, d);
    }
}
