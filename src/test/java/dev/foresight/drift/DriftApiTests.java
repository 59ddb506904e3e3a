package dev.foresight.drift;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.storage.StorageProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Drift monitors through the HTTP API as a claims team uses them: the demo monitor on the generated claims, monitors
 * created and run by hand, and every kind of bad input, each answered with a clear status while the server keeps
 * serving. Everything runs for real: uploads are processed into Parquet, runs are executions on JobRunr, DuckDB
 * aggregates, H2 stores the results.
 */
@ForesightTest
class DriftApiTests {

    private static final String WS = "/api/v1/workspaces/claims";
    private static final String MONITORS = WS + "/drift/monitors";

    @Autowired
    Workspaces workspaces;

    @Autowired
    RecordedDriftEvents events;

    @Autowired
    StorageProvider jobs;

    @LocalServerPort
    int port;

    Api api;
    String manager;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        manager = api.tokenFor("manager");
    }

    // --- the demo -------------------------------------------------------------------------------------------------

    @Test
    void onTheDemoClaimsTheMonitorFlagsCignasDenialRateAndNothingElse() {
        var monitor = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> monitors().stream()
                                .filter(m -> m.get("name").asString().equals("Claims per payer"))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(monitor.get("timeColumn").asString()).isEqualTo("date_of_service");
        assertThat(monitor.get("baselineWindow").asString()).isEqualTo("P8W");
        assertThat(monitor.get("currentWindow").asString()).isEqualTo("P1W");
        assertThat(monitor.get("schedule").asString()).isEqualTo("0 6 * * 1");

        var runs = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> runs(monitor.get("id").asString()), r -> r.stream()
                        .anyMatch(run -> run.get("trigger").asString().equals("VERSION")
                                && finished(run.get("status").asString())));
        var versionRun = runs.stream()
                .filter(run -> run.get("trigger").asString().equals("VERSION"))
                .findFirst()
                .orElseThrow();
        var run = awaitRun(versionRun.get("runId").asString());
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        var results = list(run.get("results"));
        assertThat(results).hasSize(8 * 4);
        assertThat(results)
                .filteredOn(r -> r.get("drifted").asBoolean())
                .extracting(r -> tuple(
                        r.get("segment").asString(),
                        r.get("metric").asString(),
                        r.get("test").asString(),
                        r.get("severity").asString()))
                .containsExactly(tuple("payer=Cigna", "denial rate", "z-test", "HIGH"));
        var cigna = results.stream()
                .filter(r -> r.get("segment").asString().equals("payer=Cigna")
                        && r.get("metric").asString().equals("denial rate"))
                .findFirst()
                .orElseThrow();
        assertThat(cigna.get("baseline").get("rate").asDouble()).isBetween(0.06, 0.11);
        assertThat(cigna.get("current").get("rate").asDouble()).isBetween(0.25, 0.46);
        assertThat(cigna.get("pValue").asDouble()).isLessThan(1e-6);
        // One event for the one drifted pair, as alert rules receive it.
        assertThat(events.of(UUID.fromString(run.get("runId").asString())))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.workspace()).isEqualTo("claims");
                    assertThat(e.monitorName()).isEqualTo("Claims per payer");
                    assertThat(e.segment()).isEqualTo("payer=Cigna");
                    assertThat(e.metric()).isEqualTo("denial rate");
                    assertThat(e.severity()).isEqualTo(DriftSeverity.HIGH);
                    assertThat(e.pValue()).isLessThan(1e-6);
                    assertThat(e.baseline()).matches("\\d+\\.\\d % of \\d+");
                    assertThat(e.current()).matches("\\d+\\.\\d % of \\d+");
                });
        // Eight payers, four metrics, all compared: every payer has enough claims in both windows.
        assertThat(results)
                .allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("COMPARED"));
        assertThat(results)
                .extracting(r -> r.get("metric").asString())
                .containsOnly("denial rate", "paid amount", "claims", "procedure mix");
    }

    // --- a monitor made and run by hand ----------------------------------------------------------------------------

    @Test
    void aMonitorRunsAsAnExecutionAndAnswersTheContract() {
        var dataset = upload("Shifted amounts " + UUID.randomUUID(), sample(true, false));
        var created = api.post(
                MONITORS,
                manager,
                Api.json(definition(
                        "By region " + UUID.randomUUID(),
                        dataset,
                        List.of(
                                metric("numeric", "amount", null),
                                metric("rate", null, "status = 'DENIED'"),
                                metric("categorical", "status", null),
                                metric("volume", null, null)),
                        "P1W",
                        "P8W")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var monitorId = created.json().get("id").asString();
        assertThat(created.json().get("segments").get(0).asString()).isEqualTo("region");
        assertThat(created.json().get("status").asString()).isEqualTo("OK");

        var started = api.post(MONITORS + "/" + monitorId + "/runs", manager, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().propertyNames()).containsExactlyInAnyOrder("runId", "executionId");
        var run = awaitRun(started.json().get("runId").asString());
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        var execution = api.get(
                        WS + "/executions/" + started.json().get("executionId").asString(), manager)
                .json();
        assertThat(execution.get("type").asString()).isEqualTo("drift.run");
        assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");

        var results = list(run.get("results"));
        // Two regions and the three-row one, four metrics each.
        assertThat(results).hasSize(3 * 4);
        assertThat(results.getFirst().propertyNames())
                .contains(
                        "segment",
                        "metric",
                        "test",
                        "statistic",
                        "pValue",
                        "threshold",
                        "drifted",
                        "severity",
                        "baseline",
                        "current");
        // Amounts in the North shifted by a third in the last week; nothing else moved.
        assertThat(results)
                .filteredOn(r -> r.get("drifted").asBoolean())
                .extracting(
                        r -> tuple(r.get("segment").asString(), r.get("metric").asString()))
                .containsExactly(tuple("region=North", "numeric(amount)"));
        var north = results.stream()
                .filter(r -> r.get("drifted").asBoolean())
                .findFirst()
                .orElseThrow();
        assertThat(north.get("test").asString()).isEqualTo("ks");
        assertThat(north.get("severity").asString()).isIn("MEDIUM", "HIGH");
        assertThat(north.get("baseline").get("edges").size()).isGreaterThan(2);
        assertThat(north.get("current").get("shares").size())
                .isEqualTo(north.get("baseline").get("shares").size());
        // A segment of three rows is reported as such, not drifted.
        assertThat(results)
                .filteredOn(r -> r.get("segment").asString().equals("region=Tiny"))
                .allSatisfy(r -> {
                    assertThat(r.get("status").asString()).isEqualTo("INSUFFICIENT_DATA");
                    assertThat(r.get("drifted").asBoolean()).isFalse();
                });

        var history = runs(monitorId);
        assertThat(history)
                .extracting(r -> r.get("runId").asString())
                .contains(run.get("runId").asString());
        var timeline = api.get(
                MONITORS + "/" + monitorId + "/timeline?segment=region%3DNorth&metric=numeric(amount)", manager);
        assertThat(timeline.status()).as(timeline.body()).isEqualTo(200);
        assertThat(list(timeline.json()))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.get("test").asString()).isEqualTo("ks"));

        // Edited without its volume, then deleted with its runs.
        var changed = api.put(
                MONITORS + "/" + monitorId,
                manager,
                Api.json(definition("Renamed", dataset, List.of(metric("numeric", "amount", null)), "P1W", "P8W")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(api.delete(MONITORS + "/" + monitorId, manager).status()).isEqualTo(204);
        assertProblem(api.get(MONITORS + "/" + monitorId, manager), 404);
        assertProblem(api.get(WS + "/drift/runs/" + run.get("runId").asString(), manager), 404);
    }

    @Test
    void aScheduledMonitorRunsOnItsCronUntilTheScheduleIsCleared() {
        var dataset = upload("Scheduled " + UUID.randomUUID(), sample(false, false));
        var body = definition("Every ten seconds", dataset, List.of(metric("volume", null, null)), "P1W", "P8W");
        body.put("schedule", "*/10 * * * * *");
        var created = api.post(MONITORS, manager, Api.json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var monitorId = created.json().get("id").asString();
        assertThat(recurringJobIds()).contains("drift-monitor-" + monitorId);

        var scheduled = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> runs(monitorId).stream()
                                .filter(r -> r.get("trigger").asString().equals("SCHEDULE"))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        assertThat(awaitRun(scheduled.get("runId").asString()).get("status").asString())
                .isEqualTo("SUCCEEDED");

        body.remove("schedule");
        assertThat(api.put(MONITORS + "/" + monitorId, manager, Api.json(body)).status())
                .isEqualTo(200);
        assertThat(recurringJobIds()).doesNotContain("drift-monitor-" + monitorId);

        body.put("schedule", "0 6 * * 1");
        api.put(MONITORS + "/" + monitorId, manager, Api.json(body));
        assertThat(recurringJobIds()).contains("drift-monitor-" + monitorId);
        api.delete(MONITORS + "/" + monitorId, manager);
        assertThat(recurringJobIds()).doesNotContain("drift-monitor-" + monitorId);
    }

    private List<String> recurringJobIds() {
        return jobs.getRecurringJobs().stream().map(RecurringJob::getId).toList();
    }

    // --- bad input -------------------------------------------------------------------------------------------------

    @Test
    void aMonitorNamingAMissingColumnIsRefusedWhenSaved() {
        var dataset = upload("Missing column " + UUID.randomUUID(), sample(false, false));
        var problem = assertProblem(
                api.post(
                        MONITORS,
                        manager,
                        Api.json(
                                definition("Broken", dataset, List.of(metric("numeric", "paid", null)), "P1W", "P8W"))),
                400);
        assertThat(problem.get("detail").asString())
                .contains("has no column 'paid'")
                .contains("amount");
        problem = assertProblem(
                api.post(
                        MONITORS,
                        manager,
                        Api.json(definition(
                                "Broken", dataset, List.of(metric("rate", null, "state = 'DENIED'")), "P1W", "P8W"))),
                400);
        assertThat(problem.get("detail").asString()).contains("has no column 'state'");
        assertThat(api.get(MONITORS, manager).status()).isEqualTo(200);
    }

    @Test
    void anUnreadableConditionOrWindowIsRefusedWhenSaved() {
        var dataset = upload("Bad condition " + UUID.randomUUID(), sample(false, false));
        var problem = assertProblem(
                api.post(
                        MONITORS,
                        manager,
                        Api.json(definition(
                                "Broken",
                                dataset,
                                List.of(metric("rate", null, "status = 'DENIED' or 1 = 1")),
                                "P1W",
                                "P8W"))),
                400);
        assertThat(problem.get("detail").asString()).contains("cannot be read at character 19");
        problem = assertProblem(
                api.post(
                        MONITORS,
                        manager,
                        Api.json(
                                definition("Broken", dataset, List.of(metric("volume", null, null)), "a week", "P8W"))),
                400);
        assertThat(problem.get("detail").asString()).contains("not an ISO-8601 duration");
        var body = definition("Broken", dataset, List.of(metric("volume", null, null)), "P1W", "P8W");
        body.put("schedule", "every monday");
        assertThat(assertProblem(api.post(MONITORS, manager, Api.json(body)), 400)
                        .get("detail")
                        .asString())
                .contains("not a cron expression");
        assertThat(monitors()).noneMatch(m -> m.get("dataset").asString().equals(dataset));
    }

    @Test
    void aWindowWithoutRowsEndsTheRunWithNoData() {
        var dataset = upload("Short history " + UUID.randomUUID(), sample(false, false));
        // The data spans ten weeks: a current window of a year leaves the baseline before it empty.
        var created = api.post(
                MONITORS,
                manager,
                Api.json(definition("Too long", dataset, List.of(metric("volume", null, null)), "P52W", "P8W")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var started = api.post(MONITORS + "/" + created.json().get("id").asString() + "/runs", manager, "");
        var run = awaitRun(started.json().get("runId").asString());
        assertThat(run.get("status").asString()).isEqualTo("NO_DATA");
        assertThat(run.get("message").asString()).contains("baseline window").contains("holds no rows");
        assertThat(list(run.get("results"))).isEmpty();
    }

    @Test
    void aNewVersionIsComparedWithTheChosenBaselineVersionAsAWhole() {
        var dataset = upload("Versions " + UUID.randomUUID(), sample(false, false));
        var first = api.get(WS + "/datasets/" + dataset, manager)
                .json()
                .get("currentVersionId")
                .asString();
        var body = definition("Against version 1", dataset, List.of(metric("numeric", "amount", null)), null, null);
        body.remove("timeColumn");
        body.remove("baselineWindow");
        body.remove("currentWindow");
        body.put("baselineVersion", first);
        var created = api.post(MONITORS, manager, Api.json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var monitorId = created.json().get("id").asString();
        assertThat(created.json().get("baselineVersion").asString()).isEqualTo(first);

        // Version 2: the same rows, except that the North's amounts of the last week are a third higher.
        var second = api.post(
                WS + "/datasets/" + dataset + "/versions", manager, Multipart.file("shifted.csv", sample(true, false)));
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        var versionRun = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> runs(monitorId).stream()
                                .filter(r -> r.get("trigger").asString().equals("VERSION"))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        var run = awaitRun(versionRun.get("runId").asString());
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        var results = list(run.get("results"));
        assertThat(results)
                .filteredOn(r -> r.get("drifted").asBoolean())
                .extracting(
                        r -> tuple(r.get("segment").asString(), r.get("metric").asString()))
                .containsExactly(tuple("region=North", "numeric(amount)"));
        // Whole versions: the South's 1,400 amounts on each side, identical, so nothing to see there.
        var south = results.stream()
                .filter(r -> r.get("segment").asString().equals("region=South"))
                .findFirst()
                .orElseThrow();
        assertThat(south.get("baseline").get("count").asLong()).isEqualTo(1400);
        assertThat(south.get("current").get("count").asLong()).isEqualTo(1400);
        assertThat(south.get("statistic").asDouble()).isZero();

        // A version of another dataset is no baseline for this one.
        var other = upload("Other " + UUID.randomUUID(), sample(false, false));
        body.put(
                "baselineVersion",
                api.get(WS + "/datasets/" + other, manager)
                        .json()
                        .get("currentVersionId")
                        .asString());
        assertProblem(api.put(MONITORS + "/" + monitorId, manager, Api.json(body)), 404);
        api.delete(MONITORS + "/" + monitorId, manager);
    }

    @Test
    void aColumnThatVanishedInALaterVersionEndsItsRunWithAClearStatus() {
        var dataset = upload("Vanishing " + UUID.randomUUID(), sample(false, false));
        var created = api.post(
                MONITORS,
                manager,
                Api.json(definition("Amounts", dataset, List.of(metric("numeric", "amount", null)), "P1W", "P8W")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var monitorId = created.json().get("id").asString();

        var second = api.post(
                WS + "/datasets/" + dataset + "/versions",
                manager,
                Multipart.file("no-amounts.csv", sample(false, true)));
        assertThat(second.status()).as(second.body()).isEqualTo(202);

        var failed = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> runs(monitorId).stream()
                                .filter(r -> r.get("trigger").asString().equals("VERSION")
                                        && r.get("status").asString().equals("FAILED"))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        assertThat(failed.get("message").asString()).contains("has no column 'amount'");
        var monitor = api.get(MONITORS + "/" + monitorId, manager).json();
        assertThat(monitor.get("status").asString()).isEqualTo("BROKEN");
        assertThat(monitor.get("statusMessage").asString()).contains("'amount'");
        // The run is marked before its execution ends with the same reason.
        var execution = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> api.get(
                                        WS + "/executions/"
                                                + failed.get("executionId").asString(),
                                        manager)
                                .json(),
                        e -> !e.get("status").asString().equals("RUNNING"));
        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).contains("has no column 'amount'");
        // The rest of the workspace is untouched and the server keeps serving.
        assertThat(api.get(MONITORS, manager).status()).isEqualTo(200);
        assertThat(api.get(WS + "/datasets/" + dataset, manager)
                        .json()
                        .get("currentVersionNumber")
                        .asInt())
                .isEqualTo(2);
    }

    // --- access ----------------------------------------------------------------------------------------------------

    @Test
    void viewersReadMonitorsButCannotChangeThemAndOtherWorkspacesSeeNothing() {
        var dataset = upload("Access " + UUID.randomUUID(), sample(false, false));
        var created = api.post(
                MONITORS,
                manager,
                Api.json(definition("Access", dataset, List.of(metric("volume", null, null)), "P1W", "P8W")));
        var monitorId = created.json().get("id").asString();
        var viewer = api.tokenFor("viewer");
        var outsider = api.tokenFor("outsider");

        assertThat(api.get(MONITORS, viewer).status()).isEqualTo(200);
        assertThat(api.get(MONITORS + "/" + monitorId, viewer).status()).isEqualTo(200);
        assertThat(api.get(MONITORS + "/" + monitorId + "/runs", viewer).status())
                .isEqualTo(200);
        var body = Api.json(definition("Viewer's", dataset, List.of(metric("volume", null, null)), "P1W", "P8W"));
        assertProblem(api.post(MONITORS, viewer, body), 403);
        assertProblem(api.put(MONITORS + "/" + monitorId, viewer, body), 403);
        assertProblem(api.post(MONITORS + "/" + monitorId + "/runs", viewer, ""), 403);
        assertProblem(api.delete(MONITORS + "/" + monitorId, viewer), 403);

        assertProblem(api.get(MONITORS, outsider), 404);
        assertProblem(api.get(MONITORS + "/" + monitorId, outsider), 404);
        assertProblem(api.post(MONITORS, outsider, body), 404);
        // A monitor of claims is not found through another workspace the outsider belongs to.
        assertProblem(api.get("/api/v1/workspaces/insights/drift/monitors/" + monitorId, outsider), 404);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /**
     * Ten weeks of daily rows for two regions and three rows of a third. With {@code shifted}, the North's amounts
     * are a third higher in the last week; with {@code withoutAmount}, the amount column is left out.
     */
    private static String sample(boolean shifted, boolean withoutAmount) {
        var random = new Random(42);
        var end = LocalDate.now().minusDays(1);
        var out = new StringBuilder(withoutAmount ? "day,region,status\n" : "day,region,amount,status\n");
        for (var day = end.minusWeeks(10).plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
            boolean lastWeek = day.isAfter(end.minusWeeks(1));
            for (var region : List.of("North", "South")) {
                for (int i = 0; i < 20; i++) {
                    double amount = 100 + random.nextGaussian() * 15;
                    if (shifted && lastWeek && region.equals("North")) {
                        amount *= 1.33;
                    }
                    var status = random.nextDouble() < 0.1 ? "DENIED" : "PAID";
                    out.append(day).append(',').append(region).append(',');
                    if (!withoutAmount) {
                        out.append(String.format(Locale.ROOT, "%.2f", amount)).append(',');
                    }
                    out.append(status).append('\n');
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            out.append(end.minusDays(i * 20)).append(",Tiny,");
            out.append(withoutAmount ? "" : "50.00,").append("PAID\n");
        }
        return out.toString();
    }

    private String upload(String name, String csv) {
        var response = api.post(
                WS + "/datasets", manager, Multipart.file("sample.csv", csv).field("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        var datasetId = response.json().get("datasetId").asString();
        var versionId = response.json().get("versionId").asString();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var status = api.get(WS + "/datasets/" + datasetId + "/versions/" + versionId, manager)
                            .json()
                            .get("status")
                            .asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return datasetId;
    }

    private static Map<String, Object> definition(
            String name,
            String dataset,
            List<Map<String, Object>> metrics,
            String currentWindow,
            String baselineWindow) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("dataset", dataset);
        body.put("timeColumn", "day");
        body.put("segments", List.of("region"));
        body.put("metrics", metrics);
        body.put("baselineWindow", baselineWindow);
        body.put("currentWindow", currentWindow);
        return body;
    }

    private static Map<String, Object> metric(String kind, @Nullable String column, @Nullable String condition) {
        var metric = new LinkedHashMap<String, Object>();
        metric.put("kind", kind);
        if (column != null) {
            metric.put("column", column);
        }
        if (condition != null) {
            metric.put("condition", condition);
        }
        return metric;
    }

    private List<JsonNode> monitors() {
        var response = api.get(MONITORS, manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return list(response.json());
    }

    private List<JsonNode> runs(String monitorId) {
        var response = api.get(MONITORS + "/" + monitorId + "/runs", manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return list(response.json());
    }

    private JsonNode awaitRun(String runId) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> api.get(WS + "/drift/runs/" + runId, manager).json(),
                        run -> finished(run.get("status").asString()));
    }

    private static boolean finished(String status) {
        return !status.equals("QUEUED") && !status.equals("RUNNING");
    }

    private static List<JsonNode> list(JsonNode array) {
        var items = new ArrayList<JsonNode>();
        array.forEach(items::add);
        return items;
    }
}
