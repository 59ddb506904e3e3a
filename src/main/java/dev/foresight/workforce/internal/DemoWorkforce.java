package dev.foresight.workforce.internal;

import dev.foresight.datasets.Datasets;
import dev.foresight.forecasting.ForecastCompleted;
import dev.foresight.forecasting.Forecasts;
import dev.foresight.identity.WorkspaceCreated;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import dev.foresight.workforce.Capacity;
import dev.foresight.workforce.PlanParameters;
import dev.foresight.workforce.PlanRequest;
import dev.foresight.workforce.StaffingRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode for the {@code workforce} workspace: two years of generated 30-minute contact volumes for three queues
 * (business-hours peaks, weekly and yearly seasons, US federal holidays, a trend) uploaded as the dataset "Contact
 * volumes"; a roster of about 120 agents fitted to an ordinary Wednesday but a little short on Monday mornings and
 * in Technical's evening; and, when the demo forecast completes, a plan over the next two weeks that shows those
 * gaps. Everything comes from fixed seeds.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
class DemoWorkforce {

    static final String WORKSPACE = "workforce";
    static final String DATASET = "Contact volumes";
    static final String ROSTER = "Contact centre roster";
    static final String PLAN = "Next two weeks";
    static final List<String> QUEUES = List.of("Billing", "Technical", "Sales");
    private static final double[] PEAK = {25, 17.5, 13.5};
    private static final int[] AHT = {330, 540, 420};
    private static final int[] OPEN = {16, 14, 16};
    private static final int[] CLOSE = {40, 46, 40};
    private static final int SHIFT_SLOTS = 16;

    private static final Logger log = LoggerFactory.getLogger(DemoWorkforce.class);

    private final Datasets datasets;
    private final Capacity capacity;
    private final Forecasts forecasts;

    DemoWorkforce(Datasets datasets, Capacity capacity, Forecasts forecasts) {
        this.datasets = datasets;
        this.capacity = capacity;
        this.forecasts = forecasts;
    }

    private static CurrentWorkspace system(long id, String slug) {
        return new CurrentWorkspace(id, slug, slug, WorkspaceRole.ADMIN, "system");
    }

    @ApplicationModuleListener
    void on(WorkspaceCreated created) throws IOException {
        if (!created.slug().equals(WORKSPACE)) {
            return;
        }
        var workspace = system(created.workspaceId(), created.slug());
        var today = LocalDate.now(ZoneOffset.UTC);
        if (capacity.rosters(workspace).stream().noneMatch(r -> r.name().equals(ROSTER))) {
            var csv = roster(today).getBytes(StandardCharsets.UTF_8);
            capacity.uploadRoster(workspace, ROSTER, "roster.csv", new ByteArrayInputStream(csv));
        }
        if (datasets.list(workspace).stream().noneMatch(d -> d.name().equals(DATASET))) {
            var temp = Files.createTempFile("foresight-contacts-", ".csv");
            try {
                try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    contacts(out, today);
                }
                try (var in = Files.newInputStream(temp)) {
                    datasets.create(
                            workspace,
                            DATASET,
                            "Two years of generated 30-minute contacts per queue",
                            "contact-volumes.csv",
                            null,
                            in);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        log.info("Demo: roster and contact volumes for workspace {}", created.slug());
    }

    /** The demo forecast finished: plan the next two weeks against the demo roster, once per forecast. */
    @ApplicationModuleListener
    void on(ForecastCompleted completed) {
        if (!completed.workspace().equals(WORKSPACE)) {
            return;
        }
        var workspace = system(completed.workspaceId(), completed.workspace());
        var forecast = forecasts.get(workspace, completed.forecastId());
        var dataset = datasets.get(workspace, completed.datasetId());
        if (!dataset.name().equals(DATASET) || !forecast.measure().equals("contacts")) {
            return;
        }
        if (!capacity.plansOfForecast(workspace, completed.forecastId()).isEmpty()) {
            return;
        }
        var roster = capacity.rosters(workspace).stream()
                .filter(r -> r.name().equals(ROSTER))
                .findFirst();
        if (roster.isEmpty()) {
            return;
        }
        capacity.createPlan(
                workspace, new PlanRequest(completed.forecastId(), roster.get().id(), PLAN, parameters()));
        log.info("Demo: plan '{}' over forecast {}", PLAN, completed.forecastId());
    }

    static PlanParameters parameters() {
        return new PlanParameters(null, 0.8, 20.0, null, 0.85, 0.3, null, null);
    }

    private static double gauss(double x, double mean, double sd) {
        return Math.exp(-0.5 * ((x - mean) / sd) * ((x - mean) / sd));
    }

    /** The expected contacts of a queue in the half hour starting at slot (0–47) of a day. */
    static double expected(int queue, LocalDate day, int slot, LocalDate start) {
        if (slot < OPEN[queue] || slot >= CLOSE[queue]) {
            return 0;
        }
        double h = slot / 2.0 + 0.25;
        double shape = queue == 1
                ? 0.35 + gauss(h, 10.5, 1.6) + 0.8 * gauss(h, 14.5, 1.8) + 0.75 * gauss(h, 20, 1.3)
                : 0.3 + gauss(h, 10.5, 1.5) + 0.85 * gauss(h, 14.5, 1.7);
        double weekly =
                switch (day.getDayOfWeek()) {
                    case MONDAY -> 1.08 + 0.32 * gauss(h, 10, 1.6);
                    case TUESDAY -> 1.04;
                    case WEDNESDAY -> 1.0;
                    case THURSDAY -> 0.97;
                    case FRIDAY -> 0.93;
                    case SATURDAY -> 0.42;
                    case SUNDAY -> 0.28;
                };
        double yearly = 1 + 0.1 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 20) / 365.25);
        double trend = 1 + 0.08 * (day.toEpochDay() - start.toEpochDay()) / 365.25;
        double holiday = holidays(day.getYear()).contains(day) ? 0.25 : 1;
        return PEAK[queue] * shape * weekly * yearly * trend * holiday;
    }

    /** US federal holidays on their calendar dates. */
    static Set<LocalDate> holidays(int year) {
        Set<LocalDate> days = new HashSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        days.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        days.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.JUNE, 19));
        days.add(LocalDate.of(year, Month.JULY, 4));
        days.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        days.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        days.add(LocalDate.of(year, Month.NOVEMBER, 11));
        days.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        return days;
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    /** Two years of half hours ending with yesterday: interval_start, queue, contacts, aht_seconds. */
    static void contacts(Writer out, LocalDate today) throws IOException {
        var random = new Random(20260601L);
        var end = today.minusDays(1);
        var start = end.minusYears(2).plusDays(1);
        out.write("interval_start,queue,contacts,aht_seconds\n");
        for (var day = start; !day.isAfter(end); day = day.plusDays(1)) {
            for (int slot = 0; slot < 48; slot++) {
                var time = day.atStartOfDay().plusMinutes(30L * slot);
                for (int q = 0; q < QUEUES.size(); q++) {
                    double mean = expected(q, day, slot, start);
                    long contacts = poisson(mean, random);
                    double h = slot / 2.0;
                    long aht = Math.round(AHT[q] * (1 + (h >= 18 ? 0.06 : 0)) * (1 + 0.07 * random.nextGaussian()));
                    out.write(String.format(
                            Locale.ROOT,
                            "%s,%s,%d,%d%n",
                            time.toString().replace('T', ' ') + ":00",
                            QUEUES.get(q),
                            contacts,
                            Math.max(60, aht)));
                }
            }
        }
    }

    private static long poisson(double mean, Random random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /**
     * A roster fitted by a greedy cover of 8-hour shifts to what an ordinary Wednesday of the coming weeks needs
     * (4 % headroom), but only 78 % of Technical's evening; weekday agents work Monday to Friday, a weekend crew
     * Saturday and Sunday. Monday's morning rush and Technical's evenings therefore show as gaps.
     */
    static String roster(LocalDate today) {
        var random = new Random(120L);
        var dataStart = today.minusDays(1).minusYears(2).plusDays(1);
        var wednesday = today.plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        var saturday = wednesday.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        record Line(int queue, int start, String days) {}
        List<Line> lines = new ArrayList<>();
        for (int q = 0; q < QUEUES.size(); q++) {
            for (int start : cover(q, wednesday, dataStart, 1.04, q == 1 ? 0.78 : 1)) {
                lines.add(new Line(q, start, "Mon-Fri"));
            }
            for (int start : cover(q, saturday, dataStart, 1.0, 1)) {
                lines.add(new Line(q, start, "Sat;Sun"));
            }
        }
        var out = new StringBuilder("agent,site,queues,shift_start,shift_end,days\n");
        int n = 1;
        int shared = 0;
        var sites = List.of("Austin", "Manila");
        for (var line : lines) {
            String queues = QUEUES.get(line.queue());
            // Some weekday Billing and Sales agents serve both queues, split evenly.
            if (line.queue() != 1 && line.days().equals("Mon-Fri") && shared < 8 && random.nextDouble() < 0.35) {
                queues = "Billing;Sales";
                shared++;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "A%03d,%s,%s,%s,%s,%s%n",
                    n++,
                    sites.get(random.nextDouble() < 0.6 ? 0 : 1),
                    queues,
                    time(line.start()),
                    time(line.start() + SHIFT_SLOTS),
                    line.days()));
        }
        return out.toString();
    }

    private static String time(int slot) {
        return String.format(Locale.ROOT, "%02d:%02d", (slot / 2) % 24, (slot % 2) * 30);
    }

    /** Shift starts (as half-hour slots) that cover a day's requirement, each shift as late as it still helps. */
    private static List<Integer> cover(int queue, LocalDate day, LocalDate dataStart, double headroom, double evening) {
        var parameters = parameters();
        double[] target = new double[48];
        for (int slot = 0; slot < 48; slot++) {
            double volume = expected(queue, day, slot, dataStart);
            var staffing = StaffingCalculator.calculate(new StaffingRequest(
                    volume,
                    30,
                    (double) AHT[queue],
                    parameters.serviceLevel(),
                    parameters.answerSeconds(),
                    null,
                    parameters.maxOccupancy(),
                    parameters.shrinkage(),
                    null));
            target[slot] = staffing.agents() * headroom * (slot >= 36 ? evening : 1);
        }
        int[] covered = new int[48];
        List<Integer> starts = new ArrayList<>();
        for (int slot = OPEN[queue]; slot < CLOSE[queue]; slot++) {
            while (covered[slot] < target[slot] - 1e-9) {
                int start = Math.max(OPEN[queue], Math.min(slot, CLOSE[queue] - SHIFT_SLOTS));
                for (int k = start; k < start + SHIFT_SLOTS && k < 48; k++) {
                    covered[k]++;
                }
                starts.add(start);
            }
        }
        return starts;
    }
}
