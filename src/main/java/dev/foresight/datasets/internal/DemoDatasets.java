package dev.foresight.datasets.internal;

import dev.foresight.datasets.Datasets;
import dev.foresight.identity.WorkspaceCreated;
import dev.foresight.shared.CurrentWorkspace;
import dev.foresight.shared.WorkspaceRole;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode: when the demo workspaces appear, the {@code claims} workspace gets generated healthcare claims and
 * {@code insights} a generated retail sales history, both uploaded through the normal ingest path. The data is
 * generated from a fixed seed, so every demo shows the same figures: claims with PHI in free-text notes and some bad
 * rows, one payer (Cigna) whose denial rate jumps in the last week; sales with a trend, weekly and yearly seasons, a
 * Black Friday spike and a store outage.
 */
@Component
@ConditionalOnBooleanProperty(name = "foresight.demo.enabled")
class DemoDatasets {

    private static final Logger log = LoggerFactory.getLogger(DemoDatasets.class);
    private static final List<String> PAYERS =
            List.of("Aetna", "Cigna", "UnitedHealthcare", "Humana", "Kaiser", "BlueCross", "Anthem", "Medicare");
    private static final List<String> CPT =
            List.of("99213", "99214", "99203", "93000", "80053", "85025", "71046", "97110");
    private static final List<String> ICD =
            List.of("E11.9", "I10", "J06.9", "M54.5", "Z00.00", "F41.1", "K21.9", "R51.9");

    private final Datasets datasets;

    DemoDatasets(Datasets datasets) {
        this.datasets = datasets;
    }

    @ApplicationModuleListener
    void on(WorkspaceCreated created) throws IOException {
        var workspace = new CurrentWorkspace(
                created.workspaceId(), created.slug(), created.name(), WorkspaceRole.ADMIN, "system");
        switch (created.slug()) {
            case "claims" ->
                upload(workspace, "Claims", "Generated healthcare claims of eight payers", "claims.csv", this::claims);
            case "insights" ->
                upload(
                        workspace,
                        "Retail sales",
                        "Two years of generated daily sales",
                        "retail-sales.csv",
                        out -> sales(out, LocalDate.now(ZoneOffset.UTC).minusDays(1)));
            default -> {}
        }
    }

    private interface Generator {
        void write(Writer out) throws IOException;
    }

    private void upload(CurrentWorkspace workspace, String name, String description, String file, Generator generator)
            throws IOException {
        var temp = Files.createTempFile("foresight-demo-", ".csv");
        try {
            try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                generator.write(out);
            }
            try (var in = Files.newInputStream(temp)) {
                datasets.create(workspace, name, description, file, null, in);
            }
            log.info("Demo: uploaded {} to workspace {}", file, workspace.slug());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** About 24,000 claims over 16 weeks ending today. */
    void claims(Writer out) throws IOException {
        var random = new Random(20261122L);
        var today = LocalDate.now(ZoneOffset.UTC);
        var start = today.minusWeeks(16);
        out.write(
                "claim_id,member_id,payer,date_of_service,cpt_code,icd10_code,npi,billed_amount,paid_amount,status,notes\n");
        long id = 10_000_000;
        for (var day = start; day.isBefore(today); day = day.plusDays(1)) {
            boolean lastWeek = !day.isBefore(today.minusDays(7));
            int count = 180 + random.nextInt(60) - (day.getDayOfWeek().getValue() >= 6 ? 90 : 0);
            for (int i = 0; i < count; i++) {
                var payer = PAYERS.get(random.nextInt(PAYERS.size()));
                double denialRate = payer.equals("Cigna") && lastWeek ? 0.38 : 0.08 + PAYERS.indexOf(payer) * 0.005;
                double billed = Math.round(Math.exp(4.5 + random.nextGaussian() * 0.8) * 100) / 100.0;
                double roll = random.nextDouble();
                String status = roll < denialRate ? "DENIED" : roll < denialRate + 0.05 ? "PENDING" : "PAID";
                String paid =
                        switch (status) {
                            case "PAID" ->
                                String.format(Locale.ROOT, "%.2f", billed * (0.6 + random.nextDouble() * 0.3));
                            case "DENIED" -> "0.00";
                            default -> "";
                        };
                String billedText = String.format(Locale.ROOT, "%.2f", billed);
                String member = "M" + (100_000 + random.nextInt(9_000));
                double defect = random.nextDouble();
                if (defect < 0.002) {
                    billedText = "n/a";
                } else if (defect < 0.003) {
                    member = "";
                } else if (defect < 0.0035) {
                    paid = String.format(Locale.ROOT, "%.2f", billed * 1.4);
                }
                out.write(
                        "C" + id++ + "," + member + "," + payer + "," + day + "," + CPT.get(random.nextInt(CPT.size()))
                                + "," + ICD.get(random.nextInt(ICD.size())) + ","
                                + (1_000_000_000L + random.nextInt(900_000_000))
                                + "," + billedText + "," + paid + "," + status + "," + note(random) + "\n");
                if (defect > 0.9995) {
                    out.write("C" + id++ + ",broken row with too few fields\n");
                }
            }
        }
    }

    private static String note(Random random) {
        double roll = random.nextDouble();
        if (roll < 0.004) {
            return "\"Member called; SSN " + (100 + random.nextInt(500)) + "-" + (10 + random.nextInt(89)) + "-"
                    + (1000 + random.nextInt(8999)) + " given for verification\"";
        }
        if (roll < 0.008) {
            return "\"Call back at 555-" + (200 + random.nextInt(700)) + "-" + (1000 + random.nextInt(8999)) + "\"";
        }
        if (roll < 0.010) {
            return "\"Send EOB to member" + random.nextInt(999) + "@example.com\"";
        }
        if (roll < 0.3) {
            return "\"Resubmitted with corrected modifier\"";
        }
        return "";
    }

    /**
     * The day the East store sells nothing: 40 days before the last, or 41 when that is Black Friday, which would hide
     * it.
     */
    static LocalDate outageDay(LocalDate end) {
        var day = end.minusDays(40);
        return isBlackFriday(day) ? day.minusDays(1) : day;
    }

    /** The sales' Black Friday: the Friday from the 23rd to the 29th of November. */
    private static boolean isBlackFriday(LocalDate day) {
        return day.getMonthValue() == 11
                && day.getDayOfWeek() == DayOfWeek.FRIDAY
                && day.getDayOfMonth() >= 23
                && day.getDayOfMonth() <= 29;
    }

    /** Two years of daily sales for four stores and six categories, up to {@code end}. */
    static void sales(Writer out, LocalDate end) throws IOException {
        var random = new Random(424242L);
        var stores = List.of("North", "South", "East", "West");
        var categories = List.of("Grocery", "Electronics", "Apparel", "Home", "Toys", "Beauty");
        double[] basePrice = {4.5, 180, 35, 60, 25, 18};
        double[] baseUnits = {420, 22, 60, 35, 40, 55};
        var start = end.minusYears(2).plusDays(1);
        out.write("date,store,region,category,channel,units,unit_price,discount_pct,revenue\n");
        for (var day = start; !day.isAfter(end); day = day.plusDays(1)) {
            double years = (day.toEpochDay() - start.toEpochDay()) / 365.0;
            double trend = 1 + 0.18 * years;
            double weekly = day.getDayOfWeek() == DayOfWeek.SATURDAY
                    ? 1.35
                    : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.2 : 1.0;
            double yearly = 1 + 0.25 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 350) / 365.0);
            boolean blackFriday = isBlackFriday(day);
            for (var store : stores) {
                boolean outage = store.equals("East") && day.equals(outageDay(end));
                for (int c = 0; c < categories.size(); c++) {
                    double discount = blackFriday ? 30 : random.nextDouble() < 0.1 ? 10 : 0;
                    double units = outage
                            ? 0
                            : Math.max(
                                    0,
                                    Math.round(baseUnits[c]
                                            * trend
                                            * weekly
                                            * yearly
                                            * (blackFriday ? 3.2 : 1)
                                            * (1 + random.nextGaussian() * 0.12)));
                    double price = basePrice[c] * (1 + random.nextGaussian() * 0.03);
                    double revenue = units * price * (1 - discount / 100);
                    out.write(String.format(
                            Locale.ROOT,
                            "%s,%s,%s,%s,%s,%d,%.2f,%.0f,%.2f%n",
                            day,
                            store,
                            store.equals("North") || store.equals("East") ? "Region A" : "Region B",
                            categories.get(c),
                            random.nextDouble() < 0.3 ? "online" : "store",
                            (long) units,
                            price,
                            discount,
                            revenue));
                }
            }
        }
    }
}
