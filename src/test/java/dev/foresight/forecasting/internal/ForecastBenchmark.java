package dev.foresight.forecasting.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./benchmarks/run forecast [series] [threads]}: forecasts generated daily series of two years with horizon 28,
 * rolling-origin backtests included (3 windows of 28 days choose the model per series, as a run does), and compares
 * the chosen models with the seasonal naive forecast of the same series on the same held-out last 28 days. MASE is
 * scaled by each series' in-sample seasonal naive error, as everywhere in Foresight.
 */
public final class ForecastBenchmark {

    private static final int DAYS = 730;
    private static final int HORIZON = 28;

    private ForecastBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        var series = new double[count][];
        for (int i = 0; i < count; i++) {
            series[i] = generate(new Random(1_000_003L * i + 17));
        }
        var forecaster = new SeriesForecaster(new SeriesForecaster.Settings(3, HORIZON));
        // Warm the JIT on a few series so the timing is of the steady state, as on a running server.
        for (int i = 0; i < Math.min(50, count); i++) {
            evaluate(series[i], forecaster);
        }
        var pool = Executors.newFixedThreadPool(threads);
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        var cpuNanos = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        var futures = new ArrayList<Future<double[]>>(count);
        for (var y : series) {
            futures.add(pool.submit(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                var result = evaluate(y, forecaster);
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - before);
                return result;
            }));
        }
        var mase = new double[count];
        var snaive = new double[count];
        for (int i = 0; i < count; i++) {
            var result = futures.get(i).get();
            mase[i] = result[0];
            snaive[i] = result[1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        int better = 0;
        for (int i = 0; i < count; i++) {
            if (mase[i] < snaive[i]) {
                better++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "load average while it ran: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "forecast benchmark: %d daily series of %d days, horizon %d, 3 backtest windows, %d threads%n",
                count,
                DAYS,
                HORIZON,
                threads);
        System.out.printf(
                Locale.ROOT,
                "RESULT series=%d seconds=%.1f cpu_seconds=%.1f mase_autoets=%.3f mase_snaive=%.3f"
                        + " share_better_than_snaive=%.3f%n",
                count,
                seconds,
                cpuNanos.get() / 1e9,
                Arrays.stream(mase).average().orElse(Double.NaN),
                Arrays.stream(snaive).average().orElse(Double.NaN),
                (double) better / count);
    }

    /** The held-out MASE of Foresight's chosen model and of the seasonal naive forecast. */
    private static double[] evaluate(double[] y, SeriesForecaster forecaster) {
        int n = y.length - HORIZON;
        var train = Arrays.copyOf(y, n);
        var notes = new ArrayList<String>();
        var result = forecaster.forecast(
                train, 7, Candidates.of(Frequency.DAY, train, Candidates.Search.FAST, notes), HORIZON, notes);
        var reference = new Naive(7).fit(train, n).predict(HORIZON);
        double scale = Accuracy.scale(train, n, 7);
        double ours = 0;
        double theirs = 0;
        for (int h = 0; h < HORIZON; h++) {
            ours += Math.abs(y[n + h] - Math.max(0, result.forecast().mean()[h]));
            theirs += Math.abs(y[n + h] - reference.mean()[h]);
        }
        return new double[] {ours / HORIZON / scale, theirs / HORIZON / scale};
    }

    /**
     * A daily count series: a level between e and e⁷, a mild trend, a weekly pattern (multiplicative or additive, of
     * random strength), a yearly swing, sometimes a level shift, and Poisson-like noise.
     */
    static double[] generate(Random random) {
        var y = new double[DAYS];
        double level = Math.exp(1 + 6 * random.nextDouble());
        double trend = random.nextGaussian() * 0.3 / DAYS;
        var weekly = new double[7];
        double strength = 0.05 + 0.45 * random.nextDouble();
        for (int d = 0; d < 7; d++) {
            weekly[d] = 1 + strength * (d >= 5 ? -1 : 0.4) + 0.1 * strength * random.nextGaussian();
        }
        boolean multiplicative = random.nextBoolean();
        double yearly = 0.15 * random.nextDouble();
        double phase = 2 * Math.PI * random.nextDouble();
        int shiftAt = random.nextDouble() < 0.1 ? 200 + random.nextInt(400) : -1;
        double shift = 1 + 0.3 * random.nextGaussian();
        double noise = 0.05 + 0.15 * random.nextDouble();
        for (int t = 0; t < DAYS; t++) {
            double base = level * (1 + trend * t) * (1 + yearly * Math.sin(2 * Math.PI * t / 365.25 + phase));
            if (shiftAt >= 0 && t >= shiftAt) {
                base *= Math.max(0.2, shift);
            }
            double mean = multiplicative ? base * weekly[t % 7] : base + level * (weekly[t % 7] - 1);
            double sd = Math.sqrt(Math.max(mean, 0)) + noise * Math.abs(mean);
            y[t] = Math.max(0, Math.round(mean + sd * random.nextGaussian()));
        }
        return y;
    }
}
