package dev.foresight.workforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.shared.InvalidRequestException;
import dev.foresight.workforce.StaffingRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Erlang C and Erlang A against published, exact and simulated references. */
class ErlangTests {

    private static StaffingRequest request(double volume, double aht, double sl, double answer) {
        return new StaffingRequest(volume, 30, aht, sl, answer, null, null, null, null);
    }

    /**
     * Call Centre Helper's worked example ("Erlang C formula – made simple with an easy worked example",
     * callcentrehelper.com): 100 calls in 30 minutes, AHT 180 s, target 80 % in 20 s → 10 Erlangs, 14 agents and a
     * service level of 88.8 %. We re-derived it by hand from the Erlang C formula: C(14, 10) = 0.1741,
     * SL = 1 − 0.1741·e^(−4·20/180) = 0.8884, ASA = 0.1741·180/4 = 7.84 s; with 13 agents SL would be 0.7956.
     */
    @Test
    void callCentreHelperWorkedExample() {
        var staffing = StaffingCalculator.calculate(request(100, 180, 0.8, 20));
        assertThat(staffing.traffic()).isCloseTo(10.0, within(1e-12));
        assertThat(staffing.rawAgents()).isEqualTo(14);
        assertThat(staffing.agents()).isEqualTo(14);
        assertThat(staffing.serviceLevel()).isCloseTo(0.8884, within(5e-5));
        assertThat(staffing.asaSeconds()).isCloseTo(7.836, within(1e-3));
        assertThat(staffing.occupancy()).isCloseTo(10.0 / 14, within(1e-12));
        assertThat(ErlangC.erlangC(14, 10)).isCloseTo(0.17413, within(1e-5));
        assertThat(ErlangC.performance(13, 10, 180, 20).serviceLevel()).isCloseTo(0.7956, within(5e-5));
    }

    @Test
    void shrinkageOccupancyAndAsaTargets() {
        // 14 raw agents at 30 % shrinkage: 14 / 0.7 = 20 exactly, not 21.
        var shrunk =
                StaffingCalculator.calculate(new StaffingRequest(100.0, 30, 180.0, 0.8, 20.0, null, null, 0.3, null));
        assertThat(shrunk.rawAgents()).isEqualTo(14);
        assertThat(shrunk.agents()).isEqualTo(20);
        // 15 % shrinkage: 14 / 0.85 = 16.47 → 17.
        assertThat(StaffingCalculator.calculate(
                                new StaffingRequest(100.0, 30, 180.0, 0.8, 20.0, null, null, 0.15, null))
                        .agents())
                .isEqualTo(17);
        // An occupancy ceiling of 70 % needs 10 / 0.7 = 14.3 → 15 agents although 14 meet the service level.
        var capped =
                StaffingCalculator.calculate(new StaffingRequest(100.0, 30, 180.0, 0.8, 20.0, null, 0.7, null, null));
        assertThat(capped.rawAgents()).isEqualTo(15);
        assertThat(capped.occupancy()).isLessThanOrEqualTo(0.7);
        // ASA of at most 10 s: 13 agents give 17.1 s, 14 give 7.8 s.
        var asa =
                StaffingCalculator.calculate(new StaffingRequest(100.0, 30, 180.0, null, null, 10.0, null, null, null));
        assertThat(asa.rawAgents()).isEqualTo(14);
        // No contacts, no agents.
        var none = StaffingCalculator.calculate(request(0, 180, 0.8, 20));
        assertThat(none.rawAgents()).isZero();
        assertThat(none.serviceLevel()).isEqualTo(1.0);
    }

    /** Erlang C from its textbook definition with factorials in 60-digit decimals, as an independent reference. */
    private static double exactErlangC(int n, int traffic) {
        var mc = new MathContext(60);
        var a = BigDecimal.valueOf(traffic);
        var term = BigDecimal.ONE;
        var sum = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            sum = sum.add(term, mc);
            term = term.multiply(a, mc).divide(BigDecimal.valueOf(k + 1), mc);
        }
        var top = term.multiply(BigDecimal.valueOf(n), mc).divide(BigDecimal.valueOf(n - traffic), mc);
        return top.divide(sum.add(top, mc), mc).doubleValue();
    }

    @Test
    void stableAtHundredsAndThousandsOfAgents() {
        assertThat(ErlangC.erlangC(500, 480)).isCloseTo(exactErlangC(500, 480), within(1e-12));
        assertThat(ErlangC.erlangC(480, 450)).isCloseTo(exactErlangC(480, 450), within(1e-12));
        assertThat(ErlangC.erlangC(2100, 2000)).isCloseTo(exactErlangC(2100, 2000), within(1e-12));
        // 3000 calls in 30 minutes at 300 s: 500 Erlangs need 513 agents for 80/20 (SL 0.8102, C 0.4516), a sum we
        // checked against the exact formula above.
        var big = StaffingCalculator.calculate(request(3000, 300, 0.8, 20));
        assertThat(big.traffic()).isCloseTo(500, within(1e-9));
        assertThat(big.rawAgents()).isEqualTo(513);
        assertThat(big.serviceLevel()).isCloseTo(0.81016, within(1e-5));
        assertThat(ErlangC.erlangC(513, 500)).isCloseTo(exactErlangC(513, 500), within(1e-12));
        // Ten thousand Erlangs still answer, finitely, with a little more than the load.
        var huge = StaffingCalculator.calculate(request(60_000, 300, 0.9, 20));
        assertThat(huge.rawAgents()).isBetween(10_001, 10_200);
        assertThat(huge.serviceLevel()).isBetween(0.9, 1.0);
    }

    @Test
    void erlangAWithEndlessPatienceIsErlangC() {
        var c = ErlangC.performance(14, 10, 180, 20);
        var a = ErlangA.performance(14, 100.0 / 1800, 180, 1e9, 20);
        assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(1e-4));
        assertThat(a.asaSeconds()).isCloseTo(c.asaSeconds(), within(1e-3));
        assertThat(a.waitProbability()).isCloseTo(c.waitProbability(), within(1e-6));
        assertThat(a.abandonment()).isLessThan(1e-6);
    }

    /**
     * Erlang A against a discrete-event simulation of M/M/N+M (FCFS; a caller takes the first free agent unless its
     * exponential patience ran out first), 400,000 callers from a fixed seed: an independent check of the stationary
     * distribution and of the service-level integration.
     */
    @Test
    void erlangAMatchesSimulation() {
        double lambda = 100.0 / 1800;
        double aht = 180;
        double patience = 120;
        int agents = 11;
        var simulated = simulate(lambda, aht, patience, agents, 20, 400_000, new Random(7));
        var computed = ErlangA.performance(agents, lambda, aht, patience, 20);
        assertThat(computed.serviceLevel()).isCloseTo(simulated[0], within(0.01));
        assertThat(computed.abandonment()).isCloseTo(simulated[1], within(0.005));
        assertThat(computed.asaSeconds()).isCloseTo(simulated[2], within(0.6));
        // Flow balance: served calls keep agents busy, λ(1 − P(abandon))·AHT = busy agents.
        assertThat(computed.occupancy() * agents).isCloseTo(lambda * (1 - computed.abandonment()) * aht, within(1e-6));
        // Callers who give up ease the load: Erlang A needs fewer agents than Erlang C for the same target.
        var erlangA =
                StaffingCalculator.calculate(new StaffingRequest(100.0, 30, 180.0, 0.8, 20.0, null, null, null, 120.0));
        assertThat(erlangA.model()).isEqualTo("erlang-a");
        assertThat(erlangA.rawAgents()).isBetween(11, 13);
        assertThat(erlangA.abandonment()).isPositive();
    }

    @Test
    void erlangAAtAThousandAgents() {
        // 1000 Erlangs, patience 90 s: callers who give up carry part of the load, so fewer agents than Erlang C.
        var a = StaffingCalculator.calculate(new StaffingRequest(6000.0, 30, 300.0, 0.8, 20.0, null, null, null, 90.0));
        var c = StaffingCalculator.calculate(request(6000, 300, 0.8, 20));
        assertThat(a.rawAgents()).isBetween(500, c.rawAgents() - 1);
        assertThat(a.serviceLevel()).isBetween(0.8, 1.0);
        assertThat(a.abandonment()).isBetween(0.0, 0.2);
        // The answer is the least that works: one agent fewer misses the target.
        double lambda = 6000.0 / 1800;
        assertThat(ErlangA.performance(a.rawAgents() - 1, lambda, 300, 90, 20).serviceLevel())
                .isLessThan(0.8);
        assertThat(ErlangA.performance(a.rawAgents(), lambda, 300, 90, 20).occupancy() * a.rawAgents())
                .isCloseTo(lambda * (1 - a.abandonment()) * 300, within(1e-6));
    }

    /** {service level, abandonment, mean wait of all callers} of a simulated M/M/N+M queue. */
    private static double[] simulate(
            double lambda, double aht, double patience, int agents, double answer, int callers, Random random) {
        var free = new PriorityQueue<Double>();
        for (int i = 0; i < agents; i++) {
            free.add(0.0);
        }
        double t = 0;
        long withinTarget = 0;
        long abandoned = 0;
        double waited = 0;
        for (int i = 0; i < callers; i++) {
            t += -Math.log(1 - random.nextDouble()) / lambda;
            double tau = -Math.log(1 - random.nextDouble()) * patience;
            double start = Math.max(t, free.peek());
            double wait = start - t;
            if (wait > tau) {
                abandoned++;
                waited += tau;
                continue;
            }
            free.poll();
            free.add(start + -Math.log(1 - random.nextDouble()) * aht);
            waited += wait;
            if (wait <= answer) {
                withinTarget++;
            }
        }
        return new double[] {(double) withinTarget / callers, (double) abandoned / callers, waited / callers};
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertThatThrownBy(() -> StaffingCalculator.calculate(request(100, 0, 0.8, 20)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ahtSeconds must be more than 0");
        assertThatThrownBy(() -> StaffingCalculator.calculate(request(100, 180, 1.0, 20)))
                .hasMessageContaining("100 % can never be met");
        assertThatThrownBy(() -> StaffingCalculator.calculate(request(-5, 180, 0.8, 20)))
                .hasMessageContaining("volume must be 0 or more");
        assertThatThrownBy(() -> StaffingCalculator.calculate(
                        new StaffingRequest(null, 30, 180.0, 0.8, 20.0, null, null, null, null)))
                .hasMessageContaining("volume is missing");
        assertThatThrownBy(() -> StaffingCalculator.calculate(
                        new StaffingRequest(100.0, 30, 180.0, 0.8, 20.0, null, 1.2, null, null)))
                .hasMessageContaining("maxOccupancy cannot be above 1");
        assertThatThrownBy(() -> StaffingCalculator.calculate(
                        new StaffingRequest(100.0, 30, 180.0, 0.8, 20.0, null, null, 1.0, null)))
                .hasMessageContaining("shrinkage must be at least 0 and below 1");
    }
}
