package dev.foresight.forecasting.internal;

import java.util.Random;

/** Reference series for the model tests. */
final class Series {

    private Series() {}

    /**
     * R's {@code AirPassengers}: monthly international airline passengers in thousands, 1949–1960 (Box & Jenkins,
     * series G).
     */
    static final double[] AIR_PASSENGERS = {
        112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133,
        114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242,
        209, 191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264,
        302, 293, 259, 229, 203, 229, 242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313,
        318, 374, 413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318,
        362, 348, 363, 435, 491, 505, 404, 359, 310, 337, 360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405,
        417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432
    };

    /** A daily series with a weekly pattern and Gaussian noise around a level, from a fixed seed. */
    static double[] weekly(int days, double level, double noise, long seed) {
        var random = new Random(seed);
        double[] pattern = {1.0, 1.1, 1.05, 1.0, 0.95, 0.6, 0.5};
        var y = new double[days];
        for (int t = 0; t < days; t++) {
            y[t] = level * pattern[t % 7] + noise * random.nextGaussian();
        }
        return y;
    }

    /**
     * Thirty-minute contact counts in the shape of a contact centre's: closed at night, a morning and an afternoon peak,
     * weekdays busier than the weekend, a slow random walk of the level, and Poisson noise; from a fixed seed.
     */
    static double[] intraday(int weeks, long seed) {
        var random = new Random(seed);
        double[] weekday = {1.08, 1.04, 1.0, 0.97, 0.93, 0.42, 0.28};
        var y = new double[weeks * 336];
        double level = 30;
        for (int t = 0; t < y.length; t++) {
            int slot = t % 48;
            if (slot == 0) {
                level *= Math.exp(0.02 * random.nextGaussian());
            }
            double hour = slot / 2.0 + 0.25;
            double shape = slot < 16 || slot >= 40 ? 0 : 0.3 + bump(hour, 10.5, 1.5) + 0.85 * bump(hour, 14.5, 1.7);
            y[t] = poisson(level * shape * weekday[(t / 48) % 7], random);
        }
        return y;
    }

    private static double bump(double x, double mean, double sd) {
        return Math.exp(-0.5 * ((x - mean) / sd) * ((x - mean) / sd));
    }

    private static double poisson(double mean, Random random) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
