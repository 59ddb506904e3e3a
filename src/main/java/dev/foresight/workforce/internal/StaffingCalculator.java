package dev.foresight.workforce.internal;

import dev.foresight.shared.InvalidRequestException;
import dev.foresight.workforce.Staffing;
import dev.foresight.workforce.StaffingRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks a staffing request as a person would write it and answers it with Erlang C, or Erlang A with patience. */
public final class StaffingCalculator {

    /** No contact centre interval needs more; beyond it the request is a typo. */
    static final int MAX_AGENTS = 100_000;

    private StaffingCalculator() {}

    /** A request whose every field has been checked and defaulted. */
    public record Checked(
            double volume,
            int intervalMinutes,
            double ahtSeconds,
            ErlangC.Target target,
            double maxOccupancy,
            double shrinkage,
            @Nullable Double patienceSeconds) {

        public double traffic() {
            return volume * ahtSeconds / (intervalMinutes * 60.0);
        }
    }

    public static Staffing calculate(StaffingRequest request) {
        return calculate(check(request));
    }

    public static Checked check(StaffingRequest r) {
        List<String> problems = new ArrayList<>();
        if (r.volume() == null) {
            problems.add("volume is missing: give the contacts expected in the interval.");
        } else if (!Double.isFinite(r.volume()) || r.volume() < 0) {
            problems.add("volume must be 0 or more, not " + r.volume() + ".");
        }
        int interval = r.intervalMinutes() == null ? 30 : r.intervalMinutes();
        if (interval < 1 || interval > 1440) {
            problems.add("intervalMinutes must be between 1 and 1440, not " + interval + ".");
        }
        problems.addAll(checkParameters(
                r.ahtSeconds(),
                r.serviceLevel(),
                r.answerSeconds(),
                r.asaSeconds(),
                r.maxOccupancy(),
                r.shrinkage(),
                r.patienceSeconds()));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join(" ", problems));
        }
        var target = r.asaSeconds() != null
                ? ErlangC.Target.asa(r.asaSeconds())
                : ErlangC.Target.serviceLevel(r.serviceLevel(), r.answerSeconds());
        return new Checked(
                r.volume(),
                interval,
                r.ahtSeconds(),
                target,
                r.maxOccupancy() == null ? 1.0 : r.maxOccupancy(),
                r.shrinkage() == null ? 0.0 : r.shrinkage(),
                r.patienceSeconds());
    }

    /** The checks shared by the calculator and a plan's per-queue parameters; every problem, each in a sentence. */
    public static List<String> checkParameters(
            @Nullable Double ahtSeconds,
            @Nullable Double serviceLevel,
            @Nullable Double answerSeconds,
            @Nullable Double asaSeconds,
            @Nullable Double maxOccupancy,
            @Nullable Double shrinkage,
            @Nullable Double patienceSeconds) {
        List<String> problems = new ArrayList<>();
        if (ahtSeconds == null) {
            problems.add("ahtSeconds is missing: give the average handle time in seconds.");
        } else if (!(ahtSeconds > 0) || !Double.isFinite(ahtSeconds)) {
            problems.add("ahtSeconds must be more than 0, not " + ahtSeconds + ": a contact always takes some time.");
        }
        if (serviceLevel != null && asaSeconds != null) {
            problems.add("Give one target: serviceLevel with answerSeconds, or asaSeconds, not both.");
        } else if (serviceLevel == null && asaSeconds == null) {
            problems.add("A target is missing: give serviceLevel with answerSeconds (e.g. 0.8 and 20), or asaSeconds.");
        } else if (serviceLevel != null) {
            if (serviceLevel == 1.0 || serviceLevel == 100.0) {
                problems.add("A service-level target of 100 % can never be met: with random arrivals some contact"
                        + " always waits. Use a target below 1, such as 0.8.");
            } else if (!(serviceLevel > 0 && serviceLevel < 1)) {
                problems.add("serviceLevel is a share between 0 and 1 (0.8 for 80 %), not " + serviceLevel + ".");
            }
            if (answerSeconds == null) {
                problems.add("answerSeconds is missing: the service level counts contacts answered within it.");
            } else if (!(answerSeconds >= 0) || !Double.isFinite(answerSeconds)) {
                problems.add("answerSeconds must be 0 or more, not " + answerSeconds + ".");
            }
        } else if (!(asaSeconds > 0) || !Double.isFinite(asaSeconds)) {
            problems.add("asaSeconds must be more than 0, not " + asaSeconds + ".");
        }
        if (maxOccupancy != null && maxOccupancy > 1) {
            problems.add("maxOccupancy cannot be above 1 (100 %), not " + maxOccupancy
                    + ": agents cannot be busy more than all the time.");
        } else if (maxOccupancy != null && !(maxOccupancy > 0)) {
            problems.add("maxOccupancy must be more than 0 and at most 1, not " + maxOccupancy + ".");
        }
        if (shrinkage != null && !(shrinkage >= 0 && shrinkage < 1)) {
            problems.add("shrinkage must be at least 0 and below 1 (0.3 for 30 %), not " + shrinkage
                    + ": at 100 % nobody would ever be available.");
        }
        if (patienceSeconds != null && (!(patienceSeconds > 0) || !Double.isFinite(patienceSeconds))) {
            problems.add("patienceSeconds must be more than 0, not " + patienceSeconds + ".");
        }
        return problems;
    }

    public static Staffing calculate(Checked c) {
        double traffic = c.traffic();
        try {
            if (c.patienceSeconds() != null) {
                var a = ErlangA.solve(
                        c.volume() / (c.intervalMinutes() * 60.0),
                        c.ahtSeconds(),
                        c.patienceSeconds(),
                        c.target(),
                        c.maxOccupancy(),
                        MAX_AGENTS);
                return new Staffing(
                        "erlang-a",
                        a.agents(),
                        scheduled(a.agents(), c.shrinkage()),
                        a.serviceLevel(),
                        a.occupancy(),
                        a.asaSeconds(),
                        traffic,
                        a.abandonment());
            }
            var p = ErlangC.solve(traffic, c.ahtSeconds(), c.target(), c.maxOccupancy(), MAX_AGENTS);
            return new Staffing(
                    "erlang-c",
                    p.agents(),
                    scheduled(p.agents(), c.shrinkage()),
                    p.serviceLevel(),
                    p.occupancy(),
                    p.asaSeconds(),
                    traffic,
                    null);
        } catch (IllegalArgumentException tooMany) {
            throw new InvalidRequestException("This interval would need " + tooMany.getMessage()
                    + "; check the volume, the interval length and the handle time.");
        }
    }

    /** What N productive agents achieve under the same request (the service a roster delivers). */
    public static Staffing achieved(Checked c, int productiveAgents) {
        double traffic = c.traffic();
        if (c.patienceSeconds() != null) {
            var a = ErlangA.performance(
                    productiveAgents,
                    c.volume() / (c.intervalMinutes() * 60.0),
                    c.ahtSeconds(),
                    c.patienceSeconds(),
                    c.target().answerSeconds());
            return new Staffing(
                    "erlang-a",
                    productiveAgents,
                    productiveAgents,
                    a.serviceLevel(),
                    a.occupancy(),
                    a.asaSeconds(),
                    traffic,
                    a.abandonment());
        }
        var p = ErlangC.performance(
                productiveAgents, traffic, c.ahtSeconds(), c.target().answerSeconds());
        // An overloaded interval has no steady state; its callers wait at least the whole interval.
        double asa = Double.isFinite(p.asaSeconds()) ? p.asaSeconds() : c.intervalMinutes() * 60.0;
        return new Staffing(
                "erlang-c",
                productiveAgents,
                productiveAgents,
                p.serviceLevel(),
                Math.min(1, p.occupancy()),
                asa,
                traffic,
                null);
    }

    /** Agents to schedule so that {@code raw} remain after shrinkage: raw / (1 − shrinkage), rounded up. */
    static int scheduled(int raw, double shrinkage) {
        // A hair of tolerance so that 14 / 0.7 = 20.000000000000004 stays 20.
        return (int) Math.ceil(raw / (1 - shrinkage) - 1e-9);
    }
}
