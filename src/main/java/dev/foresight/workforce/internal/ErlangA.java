package dev.foresight.workforce.internal;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;

/**
 * Erlang A (M/M/N+M, Garnett, Mandelbaum and Reiman 2002): callers abandon after an exponential patience. The
 * stationary distribution of the birth–death chain is built in log space — state k rises with λ and falls with
 * min(k, N)·μ + max(0, k − N)·θ — and normalised once, so neither factorials nor incomplete gamma functions overflow
 * at thousands of agents. Abandonment and waiting follow from it by Little's law; the service level integrates the
 * tagged caller's progress through the queue (each caller ahead leaves at Nμ + jθ, the caller itself abandons at θ)
 * with a fourth-order Runge–Kutta integrator from Commons Math.
 */
public final class ErlangA {

    private ErlangA() {}

    /**
     * @param serviceLevel the share of all offered calls answered within the answer time (abandoned calls count
     *     against it)
     * @param asaSeconds the mean time callers wait, answered or not
     */
    public record Performance(
            int agents,
            double waitProbability,
            double serviceLevel,
            double asaSeconds,
            double occupancy,
            double abandonment) {}

    /**
     * @param arrivalsPerSecond λ
     */
    public static Performance performance(
            int agents, double arrivalsPerSecond, double ahtSeconds, double patienceSeconds, double answerSeconds) {
        double lambda = arrivalsPerSecond;
        if (lambda <= 0) {
            return new Performance(agents, 0, 1, 0, 0, 0);
        }
        double mu = 1 / ahtSeconds;
        double theta = 1 / patienceSeconds;
        int n = agents;
        // log π_k up to N, then beyond N until the tail no longer matters.
        var logs = new java.util.ArrayList<Double>();
        double log = 0;
        double max = 0;
        logs.add(0.0);
        for (int k = 1; k <= n; k++) {
            log += Math.log(lambda / (k * mu));
            logs.add(log);
            max = Math.max(max, log);
        }
        for (int j = 1; ; j++) {
            double down = n * mu + j * theta;
            log += Math.log(lambda / down);
            logs.add(log);
            max = Math.max(max, log);
            if (down > lambda && log < max - 46) {
                break;
            }
        }
        int states = logs.size();
        double[] p = new double[states];
        double total = 0;
        for (int k = 0; k < states; k++) {
            p[k] = Math.exp(logs.get(k) - max);
            total += p[k];
        }
        double wait = 0;
        double queue = 0;
        double busy = 0;
        for (int k = 0; k < states; k++) {
            p[k] /= total;
            if (k >= n) {
                wait += p[k];
                queue += (k - n) * p[k];
            }
            busy += Math.min(k, n) * p[k];
        }
        double abandonment = theta * queue / lambda;
        double asa = queue / lambda;
        double served = n == 0 ? 0 : servedWithin(p, n, mu, theta, answerSeconds);
        double sl = (1 - wait) + served;
        return new Performance(
                n,
                wait,
                Math.max(0, Math.min(1, sl)),
                asa,
                n == 0 ? 0 : busy / n,
                Math.max(0, Math.min(1, abandonment)));
    }

    /** The probability of arriving to a queue and being answered within the answer time. */
    private static double servedWithin(double[] p, int n, double mu, double theta, double answerSeconds) {
        int ahead = p.length - n;
        if (answerSeconds <= 0 || ahead <= 0) {
            return 0;
        }
        double nMu = n * mu;
        // y[0..ahead-1]: waiting with j callers ahead; y[ahead]: answered so far.
        double[] y = new double[ahead + 1];
        for (int j = 0; j < ahead; j++) {
            y[j] = p[n + j];
        }
        FirstOrderDifferentialEquations queue = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return ahead + 1;
            }

            @Override
            public void computeDerivatives(double t, double[] state, double[] derivative) {
                for (int j = 0; j < ahead; j++) {
                    double inflow = j + 1 < ahead ? (nMu + (j + 1) * theta) * state[j + 1] : 0;
                    derivative[j] = inflow - (nMu + j * theta + theta) * state[j];
                }
                derivative[ahead] = nMu * state[0];
            }
        };
        double fastest = nMu + ahead * theta + theta;
        double step = Math.min(answerSeconds / 20, 0.5 / fastest);
        new ClassicalRungeKuttaIntegrator(step).integrate(queue, 0, y, answerSeconds, y);
        return y[ahead];
    }

    /** The fewest agents meeting the target and the occupancy ceiling; service level rises with every agent. */
    public static Performance solve(
            double arrivalsPerSecond,
            double ahtSeconds,
            double patienceSeconds,
            ErlangC.Target target,
            double maxOccupancy,
            int maxAgents) {
        if (arrivalsPerSecond <= 0) {
            return new Performance(0, 0, 1, 0, 0, 0);
        }
        int low = 0; // known to fail (0 agents answer nobody)
        int high = Math.max(1, (int) Math.ceil(arrivalsPerSecond * ahtSeconds));
        while (!meets(
                performance(high, arrivalsPerSecond, ahtSeconds, patienceSeconds, target.answerSeconds()),
                target,
                maxOccupancy)) {
            low = high;
            if (high >= maxAgents) {
                throw new IllegalArgumentException("more than " + maxAgents + " agents would be needed");
            }
            high = Math.min(maxAgents, high * 2);
        }
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (meets(
                    performance(mid, arrivalsPerSecond, ahtSeconds, patienceSeconds, target.answerSeconds()),
                    target,
                    maxOccupancy)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return performance(high, arrivalsPerSecond, ahtSeconds, patienceSeconds, target.answerSeconds());
    }

    private static boolean meets(Performance performance, ErlangC.Target target, double maxOccupancy) {
        return target.met(performance.serviceLevel(), performance.asaSeconds())
                && performance.occupancy() <= maxOccupancy + 1e-12;
    }
}
