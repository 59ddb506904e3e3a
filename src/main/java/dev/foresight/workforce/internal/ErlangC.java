package dev.foresight.workforce.internal;

/**
 * Erlang C (M/M/N): the probability that a contact waits, and from it service level, average speed of answer and
 * occupancy. Erlang B comes from the recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), and C from B as
 * C = N·B / (N − A·(1 − B)); no factorial or power is ever formed, so thousands of agents stay exact to the last
 * digits a double holds.
 */
public final class ErlangC {

    private ErlangC() {}

    /** What N agents achieve under an offered load of A Erlangs. */
    public record Performance(
            int agents, double waitProbability, double serviceLevel, double asaSeconds, double occupancy) {}

    /** Erlang B: the blocking probability of N servers under A Erlangs. */
    public static double erlangB(int agents, double traffic) {
        double b = 1.0;
        for (int n = 1; n <= agents; n++) {
            b = traffic * b / (n + traffic * b);
        }
        return b;
    }

    /** Erlang C: the probability that a contact waits; 1 when the agents cannot keep up (N ≤ A). */
    public static double erlangC(int agents, double traffic) {
        return waitProbability(agents, traffic, erlangB(agents, traffic));
    }

    static double waitProbability(int agents, double traffic, double erlangB) {
        if (agents <= traffic) {
            return 1.0;
        }
        return agents * erlangB / (agents - traffic * (1 - erlangB));
    }

    public static Performance performance(int agents, double traffic, double ahtSeconds, double answerSeconds) {
        return performance(agents, traffic, ahtSeconds, answerSeconds, erlangB(agents, traffic));
    }

    static Performance performance(
            int agents, double traffic, double ahtSeconds, double answerSeconds, double erlangB) {
        if (traffic <= 0) {
            return new Performance(agents, 0, 1, 0, 0);
        }
        if (agents <= traffic) {
            return new Performance(agents, 1, 0, Double.POSITIVE_INFINITY, 1);
        }
        double c = waitProbability(agents, traffic, erlangB);
        double sl = 1 - c * Math.exp(-(agents - traffic) * answerSeconds / ahtSeconds);
        double asa = c * ahtSeconds / (agents - traffic);
        return new Performance(agents, c, Math.max(0, Math.min(1, sl)), asa, traffic / agents);
    }

    /**
     * The fewest agents that meet the target and keep occupancy at or below its ceiling, searched upwards from the
     * load while Erlang B is carried along the recursion, so the whole search costs one pass.
     */
    public static Performance solve(
            double traffic, double ahtSeconds, Target target, double maxOccupancy, int maxAgents) {
        if (traffic <= 0) {
            return new Performance(0, 0, 1, 0, 0);
        }
        int n = (int) Math.floor(traffic) + 1;
        double b = erlangB(n, traffic);
        while (true) {
            var performance = performance(n, traffic, ahtSeconds, target.answerSeconds(), b);
            if (target.met(performance.serviceLevel(), performance.asaSeconds())
                    && performance.occupancy() <= maxOccupancy + 1e-12) {
                return performance;
            }
            if (n >= maxAgents) {
                throw new IllegalArgumentException("more than " + maxAgents + " agents would be needed");
            }
            n++;
            b = traffic * b / (n + traffic * b);
        }
    }

    /** A service-level target (share answered within a time) or an average-speed-of-answer ceiling. */
    public record Target(double serviceLevel, double answerSeconds, double asaSeconds) {

        public static Target serviceLevel(double share, double answerSeconds) {
            return new Target(share, answerSeconds, Double.NaN);
        }

        public static Target asa(double seconds) {
            return new Target(Double.NaN, 0, seconds);
        }

        boolean met(double achievedServiceLevel, double achievedAsa) {
            return Double.isNaN(asaSeconds) ? achievedServiceLevel >= serviceLevel - 1e-12 : achievedAsa <= asaSeconds;
        }
    }
}
