package dev.foresight.workforce;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foresight.audit.AuditLog;
import dev.foresight.audit.AuditQuery;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Capacity planning through the HTTP API as a manager and an analyst use it: the Erlang C calculator, roster
 * uploads and their availability, a plan over a real forecast of a real dataset, what-if allocations, and every
 * kind of bad input answered with a problem detail that changes nothing.
 */
@ForesightTest
class CapacityApiTests {

    private static final String WS = "customer-risk";
    private static final String BASE = "/api/v1/workspaces/" + WS + "/capacity";

    static final String ROSTER =
            """
            agent,site,queues,shift_start,shift_end,days
            B1,North,Billing,08:00,16:00,Mon-Sun
            B2,North,Billing,08:00,16:00,Mon-Sun
            B3,South,Billing;Technical,10:00,18:00,Mon-Sun
            T1,South,Technical,08:00,16:00,Mon-Sun
            T2,South,Technical,22:00,06:00,Mon-Sun
            """;

    /** One forecast shared by the plan tests: forecasting two weeks of contacts costs seconds. */
    private static @Nullable String forecastId;

    @Autowired
    Workspaces workspaces;

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    Api api;
    String manager;
    String viewer;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        manager = api.tokenFor("manager");
        viewer = api.tokenFor("viewer");
    }

    // --- the calculator --------------------------------------------------------------------------------------------

    @Test
    void theCalculatorAnswersTheWorkedExample() {
        var body = Api.json(Map.of(
                "volume", 100,
                "intervalMinutes", 30,
                "ahtSeconds", 180,
                "serviceLevel", 0.8,
                "answerSeconds", 20,
                "maxOccupancy", 0.9,
                "shrinkage", 0.3));
        var answer = api.post(BASE + "/erlang-c", manager, body);
        assertProblem(api.post(BASE + "/erlang-c", viewer, body), 403);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var json = answer.json();
        assertThat(json.get("rawAgents").asInt()).isEqualTo(14);
        assertThat(json.get("agents").asInt()).isEqualTo(20);
        assertThat(json.get("serviceLevel").asDouble()).isBetween(0.888, 0.889);
        assertThat(json.get("occupancy").asDouble()).isBetween(0.714, 0.715);
        assertThat(json.get("asaSeconds").asDouble()).isBetween(7.8, 7.9);

        var asa = api.post(
                BASE + "/erlang-c", manager, Api.json(Map.of("volume", 100, "ahtSeconds", 180, "asaSeconds", 10)));
        assertThat(asa.json().get("rawAgents").asInt()).isEqualTo(14);

        var erlangA = api.post(
                BASE + "/erlang-c",
                manager,
                Api.json(Map.of(
                        "volume",
                        100,
                        "ahtSeconds",
                        180,
                        "serviceLevel",
                        0.8,
                        "answerSeconds",
                        20,
                        "patienceSeconds",
                        120)));
        assertThat(erlangA.json().get("model").asString()).isEqualTo("erlang-a");
        assertThat(erlangA.json().get("rawAgents").asInt()).isLessThanOrEqualTo(14);
    }

    @Test
    void theCalculatorRefusesImpossibleInputWithAProblem() {
        Map<String, Object> good =
                Map.of("volume", 100, "ahtSeconds", 180, "serviceLevel", 0.8, "answerSeconds", 20, "maxOccupancy", 0.9);
        Map<String, String> expectations = new LinkedHashMap<>();
        expectations.put("ahtSeconds=0", "ahtSeconds must be more than 0");
        expectations.put("serviceLevel=1.0", "100 % can never be met");
        expectations.put("maxOccupancy=1.2", "maxOccupancy cannot be above 1");
        expectations.put("shrinkage=1.0", "shrinkage must be at least 0 and below 1");
        expectations.put("volume=-3", "volume must be 0 or more");
        expectations.put("volume=", "volume is missing");
        for (var expectation : expectations.entrySet()) {
            var change = expectation.getKey().split("=", -1);
            var body = new LinkedHashMap<String, Object>(good);
            if (change[1].isEmpty()) {
                body.remove(change[0]);
            } else {
                body.put(change[0], Double.parseDouble(change[1]));
            }
            var problem = assertProblem(api.post(BASE + "/erlang-c", manager, Api.json(body)), 400);
            assertThat(problem.get("detail").asString())
                    .as(expectation.getKey())
                    .contains(expectation.getValue());
        }
        assertProblem(api.post(BASE + "/erlang-c", manager, "{not json"), 400);
        // The server keeps serving.
        assertThat(api.post(BASE + "/erlang-c", manager, Api.json(good)).status())
                .isEqualTo(200);
    }

    // --- rosters ---------------------------------------------------------------------------------------------------

    private JsonNode uploadRoster(String name, String csv) {
        var response = api.post(
                BASE + "/rosters", manager, Multipart.file(name + ".csv", csv).field("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static double at(JsonNode availability, String day, String time, String queue) {
        return StreamSupport.stream(availability.spliterator(), false)
                .filter(a -> a.get("day").asString().equals(day)
                        && a.get("time").asString().startsWith(time))
                .findFirst()
                .orElseThrow()
                .get("byQueue")
                .path(queue)
                .asDouble(0);
    }

    @Test
    void aRosterBecomesAgentsPerInterval() {
        var roster = uploadRoster("Small roster", ROSTER);
        assertThat(roster.get("agents").asInt()).isEqualTo(5);
        assertThat(roster.get("queues").valueStream().map(JsonNode::asString)).containsExactly("Billing", "Technical");
        assertThat(roster.get("sites").valueStream().map(JsonNode::asString)).containsExactly("North", "South");

        var detail = api.get(BASE + "/rosters/" + roster.get("id").asString(), viewer)
                .json();
        assertThat(detail.get("shifts")).hasSize(5);
        var availability = detail.get("availability");
        assertThat(availability).hasSize(7 * 48);
        // B3 serves two queues and counts half in each.
        assertThat(at(availability, "MONDAY", "10:00", "Billing")).isEqualTo(2.5);
        assertThat(at(availability, "MONDAY", "10:00", "Technical")).isEqualTo(1.5);
        assertThat(at(availability, "MONDAY", "07:30", "Billing")).isZero();
        // T2's night shift runs into the next morning, and Sunday night into Monday.
        assertThat(at(availability, "TUESDAY", "01:00", "Technical")).isEqualTo(1.0);
        assertThat(at(availability, "MONDAY", "05:30", "Technical")).isEqualTo(1.0);
        assertThat(at(availability, "MONDAY", "06:00", "Technical")).isZero();

        var list = api.get(BASE + "/rosters", viewer).json();
        assertThat(list.valueStream().map(r -> r.get("id").asString()))
                .contains(roster.get("id").asString());
    }

    @Test
    void anXlsxRosterReadsLikeACsvOne() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("Roster");
            String[][] rows = {
                {"Agent", "Team", "Skills", "Shift Start", "Shift End", "Days"},
                {"X1", "Blue", "Billing:0.75;Technical:0.25", "09:00", "17:30", "Mon;Wed;Fri"}
            };
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
        var response = api.post(BASE + "/rosters", manager, Multipart.file("roster.xlsx", out.toByteArray()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        var detail = api.get(BASE + "/rosters/" + response.json().get("id").asString(), manager)
                .json();
        assertThat(at(detail.get("availability"), "WEDNESDAY", "09:00", "Billing"))
                .isEqualTo(0.75);
        assertThat(at(detail.get("availability"), "WEDNESDAY", "17:00", "Technical"))
                .isEqualTo(0.25);
        assertThat(at(detail.get("availability"), "TUESDAY", "09:00", "Billing"))
                .isZero();
    }

    @Test
    void badRostersAreRefusedWholeAndChangeNothing() {
        int before = api.get(BASE + "/rosters", manager).json().size();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "agent,site,queues,shift_start,shift_end,days\nA1,North,Billing,08:00,16:00,Mon-Fri\n"
                        + "A1,North,Billing,14:00,20:00,Fri\n",
                "Agent A1: the shift on Fri 08:00–16:00 (line 2) overlaps the one on Fri 14:00–20:00 (line 3)");
        cases.put(
                "agent,site,queues,shift_start,shift_end,days\nA1,North,Billing,22:00,06:00,Sun\n"
                        + "A1,North,Billing,05:00,09:00,Mon\n",
                "Agent A1");
        cases.put("agent,queues,shift_start,days\nA1,Billing,08:00,Mon\n", "lacks the column(s) [shift_end]");
        cases.put(
                "agent,site,queues,shift_start,shift_end,days\nA1,N,Billing,25:00,06:00,Mon\n",
                "Line 2: shift_start '25:00'");
        cases.put(
                "agent,site,queues,shift_start,shift_end,days\nA1,N,Billing,08:00,16:00,Funday\n",
                "'funday' is not a day");
        cases.put("agent,site,queues,shift_start,shift_end,days\nA1,N,,08:00,16:00,Mon\n", "no queue is given");
        cases.put("agent,site,queues,shift_start,shift_end,days\n", "header but no agents");
        cases.put("agent,site,queues,shift_start,shift_end,days\n\"A1,N,Billing,08:00,16:00,Mon\n", "never closes");
        cases.put("", "empty");
        for (var c : cases.entrySet()) {
            var problem =
                    assertProblem(api.post(BASE + "/rosters", manager, Multipart.file("bad.csv", c.getKey())), 400);
            assertThat(problem.get("detail").asString()).as(c.getKey()).contains(c.getValue());
        }
        var binary = assertProblem(
                api.post(
                        BASE + "/rosters", manager, Multipart.file("bad.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1
                        })),
                400);
        assertThat(binary.get("detail").asString()).contains("not UTF-8");
        var brokenXlsx = assertProblem(
                api.post(BASE + "/rosters", manager, Multipart.file("bad.xlsx", "PK not really a workbook")), 400);
        assertThat(brokenXlsx.get("detail").asString()).contains("not a readable");
        assertThat(api.get(BASE + "/rosters", manager).json().size()).isEqualTo(before);
    }

    @Test
    void analystsReadButCannotChangeAndOtherWorkspacesSeeNothing() {
        var roster = uploadRoster("Access roster", ROSTER);
        var id = roster.get("id").asString();
        assertProblem(api.post(BASE + "/rosters", viewer, Multipart.file("r.csv", ROSTER)), 403);
        assertProblem(api.post(BASE + "/plans", viewer, "{}"), 403);
        assertThat(api.get(BASE + "/rosters/" + id, viewer).status()).isEqualTo(200);
        var outsider = api.tokenFor("outsider");
        assertProblem(api.get(BASE + "/rosters/" + id, outsider), 404);
        assertProblem(api.get(BASE + "/plans", outsider), 404);
        assertProblem(api.post(BASE + "/erlang-c", outsider, "{}"), 404);
        // A roster of this workspace is not found through another one the caller belongs to.
        assertProblem(api.get("/api/v1/workspaces/claims/capacity/rosters/" + id, manager), 404);
    }

    // --- plans -----------------------------------------------------------------------------------------------------

    /** Three weeks of half hours: Billing 20 and Technical 10 contacts from 08:00 to 18:00, none at night. */
    static String contacts(LocalDate end) {
        var out = new StringBuilder("interval_start,queue,contacts,aht_seconds\n");
        for (var t = end.minusWeeks(3).atStartOfDay(); t.isBefore(end.atStartOfDay()); t = t.plusMinutes(30)) {
            boolean open = t.getHour() >= 8 && t.getHour() < 18;
            out.append(t.toString().replace('T', ' '))
                    .append(":00,Billing,")
                    .append(open ? 20 : 0)
                    .append(",300\n");
            out.append(t.toString().replace('T', ' '))
                    .append(":00,Technical,")
                    .append(open ? 10 : 0)
                    .append(",600\n");
        }
        return out.toString();
    }

    private String forecast() {
        if (forecastId != null) {
            return forecastId;
        }
        var id = contactsForecast(api, manager, WS, "Test contacts");
        forecastId = id;
        return id;
    }

    /**
     * A finished forecast of {@link #contacts} per queue at 30 minutes, one day ahead, uploaded and run through the
     * API as a user would: the forecast every plan test stands on.
     */
    static String contactsForecast(Api api, String manager, String workspace, String datasetName) {
        var upload = api.post(
                "/api/v1/workspaces/" + workspace + "/datasets",
                manager,
                Multipart.file("contacts.csv", contacts(LocalDate.of(2026, 11, 30)))
                        .field("name", datasetName));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        var datasetId = upload.json().get("datasetId").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/workspaces/" + workspace + "/datasets/" + datasetId, manager)
                        .json()
                        .path("currentVersionId")
                        .isString());
        var started = api.post(
                "/api/v1/workspaces/" + workspace + "/forecasts",
                manager,
                Api.json(Map.of(
                        "dataset",
                        datasetId,
                        "timeColumn",
                        "interval_start",
                        "measure",
                        "contacts",
                        "segments",
                        List.of("queue"),
                        "frequency",
                        "30min",
                        "horizon",
                        96)));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        var id = started.json().get("forecastId").asString();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var status = api.get("/api/v1/workspaces/" + workspace + "/forecasts/" + id, manager)
                            .json()
                            .path("status")
                            .asString("");
                    assertThat(status).isNotEqualTo("FAILED");
                    return status.equals("SUCCEEDED");
                });
        return id;
    }

    private Api.Response createPlan(String rosterId, Map<String, Object> parameters) {
        return api.post(
                BASE + "/plans",
                manager,
                Api.json(Map.of(
                        "forecastId",
                        forecast(),
                        "rosterId",
                        rosterId,
                        "name",
                        "Test plan",
                        "parameters",
                        parameters)));
    }

    private static final Map<String, Object> PARAMETERS =
            Map.of("serviceLevel", 0.8, "answerSeconds", 20, "maxOccupancy", 0.85, "shrinkage", 0.0);

    private static JsonNode interval(JsonNode plan, String queue, int hour, int minute) {
        return StreamSupport.stream(plan.get("intervals").spliterator(), false)
                .filter(i -> i.get("queue").asString().equals(queue))
                .filter(i -> {
                    var time = LocalDateTime.parse(i.get("time").asString());
                    return time.getHour() == hour && time.getMinute() == minute;
                })
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aPlanSetsRequiredStaffAgainstTheRoster() {
        var roster = uploadRoster("Plan roster", ROSTER);
        var created = createPlan(roster.get("id").asString(), PARAMETERS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var planId = created.json().get("id").asString();

        var plan = api.get(BASE + "/plans/" + planId, viewer).json();
        assertThat(plan.get("intervalMinutes").asInt()).isEqualTo(30);
        assertThat(plan.get("intervals")).hasSize(2 * 96);
        var billing = interval(plan, "Billing", 10, 0);
        // About 20 contacts of 300 s in 30 minutes: 3.3 Erlangs need 6 agents for 80/20 (AHT from the dataset).
        assertThat(billing.get("ahtSeconds").asDouble()).isEqualTo(300.0);
        assertThat(billing.get("volume").asDouble()).isBetween(17.0, 23.0);
        assertThat(billing.get("required").asInt()).isBetween(5, 7);
        assertThat(billing.get("available").asDouble()).isEqualTo(2.5);
        assertThat(billing.get("gap").asDouble()).isNegative();
        assertThat(billing.get("availableBySite").get("North").asDouble()).isEqualTo(2.0);
        var night = interval(plan, "Technical", 3, 0);
        assertThat(night.get("required").asInt()).isZero();
        assertThat(night.get("available").asDouble()).isEqualTo(1.0);
        var kpis = plan.get("kpis");
        assertThat(kpis.get("intervalsUnder").asInt()).isPositive();
        assertThat(kpis.get("gapHours").asDouble()).isPositive();
        assertThat(kpis.get("expectedServiceLevel").asDouble()).isBetween(0.0, 0.8);

        var summary = api.get(BASE + "/plans/" + planId + "/summary", viewer).json();
        assertThat(summary.get("days")).hasSize(2);
        assertThat(summary.get("weeks").size()).isBetween(1, 2);
        assertThat(summary.get("queues").valueStream().map(q -> q.get("key").asString()))
                .containsExactly("Billing", "Technical");
        assertThat(summary.get("sites").valueStream().map(q -> q.get("key").asString()))
                .contains("North", "South");
        double dayGaps = summary.get("days")
                .valueStream()
                .mapToDouble(d -> d.get("gapHours").asDouble())
                .sum();
        assertThat(dayGaps).isCloseTo(kpis.get("gapHours").asDouble(), org.assertj.core.api.Assertions.within(0.05));

        var filtered =
                api.get(BASE + "/plans/" + planId + "?queue=Technical", viewer).json();
        assertThat(filtered.get("intervals")).hasSize(96);
        assertProblem(api.get(BASE + "/plans/" + planId + "?queue=Nope", viewer), 400);
        assertThat(api.get(BASE + "/plans", viewer).json().valueStream().map(p -> p.get("id")
                        .asString()))
                .contains(planId);
    }

    private Api.Response replaceRoster(String path, String token, String csv) {
        var form = Multipart.file("replacement.csv", csv);
        return api.send(api.request(path, token)
                .header("Content-Type", form.contentType())
                .PUT(form.publisher())
                .build());
    }

    @Test
    void replacingARosterKeepsItsIdRecomputesItsPlansAndRefusesWhatCannotBePlanned() {
        var roster = uploadRoster("Replaced roster", ROSTER);
        var id = roster.get("id").asString();
        var path = BASE + "/rosters/" + id;
        var created = createPlan(id, PARAMETERS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var planId = created.json().get("id").asString();
        // Read once, so the figures and the summary sit in their caches.
        var before = api.get(BASE + "/plans/" + planId, viewer).json();
        var summaryBefore =
                api.get(BASE + "/plans/" + planId + "/summary", viewer).json();
        assertThat(interval(before, "Billing", 10, 0).get("available").asDouble())
                .isEqualTo(2.5);

        var larger = ROSTER + "B4,North,Billing,08:00,16:00,Mon-Sun\nB5,North,Billing,08:00,16:00,Mon-Sun\n";
        var replaced = replaceRoster(path, manager, larger);
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("id").asString()).isEqualTo(id);
        assertThat(replaced.json().get("agents").asInt()).isEqualTo(7);
        assertThat(replaced.json().get("name").asString()).isEqualTo("Replaced roster");
        assertThat(api.get(BASE + "/rosters", viewer).json().valueStream().filter(r -> r.get("name")
                        .asString()
                        .equals("Replaced roster")))
                .hasSize(1);
        var after = api.get(BASE + "/plans/" + planId, viewer).json();
        assertThat(interval(after, "Billing", 10, 0).get("available").asDouble())
                .isEqualTo(4.5);
        assertThat(after.get("kpis").get("gapHours").asDouble())
                .isLessThan(before.get("kpis").get("gapHours").asDouble());
        var summaryAfter =
                api.get(BASE + "/plans/" + planId + "/summary", viewer).json();
        assertThat(summaryAfter.get("kpis").get("gapHours").asDouble())
                .isEqualTo(after.get("kpis").get("gapHours").asDouble())
                .isLessThan(summaryBefore.get("kpis").get("gapHours").asDouble());
        var workspaceId = workspaces.findBySlug(WS).orElseThrow().id();
        var events = audit.find(workspaceId, new AuditQuery(null, "workforce.roster-replaced", null, null, 50));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.entityId()).isEqualTo(id);
            assertThat(e.actor()).isEqualTo("manager");
        });

        // Refused, each with a problem, and the roster and its plan stay as they were.
        assertProblem(replaceRoster(path, viewer, ROSTER), 403);
        assertProblem(replaceRoster("/api/v1/workspaces/claims/capacity/rosters/" + id, manager, ROSTER), 404);
        assertProblem(replaceRoster(BASE + "/rosters/" + java.util.UUID.randomUUID(), manager, ROSTER), 404);
        var overlapping = ROSTER + "B1,North,Billing,14:00,20:00,Fri\n";
        assertThat(assertProblem(replaceRoster(path, manager, overlapping), 400)
                        .get("detail")
                        .asString())
                .contains("Agent B1")
                .contains("overlaps");
        var unknownQueue = ROSTER + "S1,North,Sales,08:00,16:00,Mon-Fri\n";
        assertThat(assertProblem(replaceRoster(path, manager, unknownQueue), 400)
                        .get("detail")
                        .asString())
                .contains("Sales")
                .contains("Test plan");
        var unchanged = api.get(path, viewer).json();
        assertThat(unchanged.get("roster").get("agents").asInt()).isEqualTo(7);
        assertThat(unchanged.get("shifts")).hasSize(7);
        assertThat(api.get(BASE + "/plans/" + planId, viewer).json().get("kpis"))
                .isEqualTo(after.get("kpis"));
    }

    @Test
    void badPlansAreRefusedAndNothingIsStored() {
        var roster = uploadRoster("Strange roster", ROSTER.replace("B2,North,Billing", "B2,North,Biling;Sales"));
        int before = api.get(BASE + "/plans", manager).json().size();
        var unknown = assertProblem(createPlan(roster.get("id").asString(), PARAMETERS), 400);
        assertThat(unknown.get("detail").asString()).contains("[Biling, Sales]").contains("[Billing, Technical]");

        var good = uploadRoster("Good roster", ROSTER).get("id").asString();
        var shrinkage = new LinkedHashMap<String, Object>(PARAMETERS);
        shrinkage.put("shrinkage", 1.0);
        assertThat(assertProblem(createPlan(good, shrinkage), 400).get("detail").asString())
                .contains("shrinkage must be at least 0 and below 1");
        var full = new LinkedHashMap<String, Object>(PARAMETERS);
        full.put("serviceLevel", 1.0);
        assertThat(assertProblem(createPlan(good, full), 400).get("detail").asString())
                .contains("100 %");
        var zeroAht = new LinkedHashMap<String, Object>(PARAMETERS);
        zeroAht.put("queues", Map.of("Technical", Map.of("ahtSeconds", 0)));
        assertThat(assertProblem(createPlan(good, zeroAht), 400).get("detail").asString())
                .contains("Queue Technical: ahtSeconds must be more than 0");
        assertProblem(
                api.post(BASE + "/plans", manager, Api.json(Map.of("rosterId", good, "parameters", PARAMETERS))), 400);
        assertProblem(
                api.post(
                        BASE + "/plans",
                        manager,
                        Api.json(Map.of(
                                "forecastId",
                                java.util.UUID.randomUUID(),
                                "rosterId",
                                good,
                                "parameters",
                                PARAMETERS))),
                404);
        assertThat(api.get(BASE + "/plans", manager).json().size()).isEqualTo(before);
    }

    @Test
    void anAllocationIsPreviewedThenSavedAuditedAndRemoved() {
        var roster = uploadRoster("Allocation roster", ROSTER);
        var planId = createPlan(roster.get("id").asString(), PARAMETERS)
                .json()
                .get("id")
                .asString();
        var before = api.get(BASE + "/plans/" + planId, manager).json();
        var move =
                Api.json(Map.of("fromQueue", "Billing", "toQueue", "Technical", "count", 1, "note", "Tech is short"));

        var preview = api.post(BASE + "/plans/" + planId + "/allocations?preview=true", manager, move);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(interval(preview.json(), "Billing", 10, 0).get("available").asDouble())
                .isEqualTo(1.5);
        assertThat(interval(preview.json(), "Technical", 10, 0).get("available").asDouble())
                .isEqualTo(2.5);
        // A preview saves nothing.
        assertThat(interval(api.get(BASE + "/plans/" + planId, manager).json(), "Technical", 10, 0)
                        .get("available")
                        .asDouble())
                .isEqualTo(1.5);
        assertThat(api.get(BASE + "/plans/" + planId + "/allocations", manager).json())
                .isEmpty();

        var saved = api.post(BASE + "/plans/" + planId + "/allocations", manager, move);
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("agents").valueStream().map(JsonNode::asString))
                .containsExactly("B1");
        var after = api.get(BASE + "/plans/" + planId, viewer).json();
        assertThat(interval(after, "Technical", 10, 0).get("available").asDouble())
                .isEqualTo(2.5);
        assertThat(interval(after, "Technical", 10, 0).get("gap").asDouble())
                .isEqualTo(interval(before, "Technical", 10, 0).get("gap").asDouble() + 1);
        assertThat(interval(after, "Billing", 10, 0).get("gap").asDouble())
                .isEqualTo(interval(before, "Billing", 10, 0).get("gap").asDouble() - 1);
        var summary = api.get(BASE + "/plans/" + planId + "/summary", viewer).json();
        assertThat(summary.get("kpis").get("gapHours").asDouble())
                .isEqualTo(after.get("kpis").get("gapHours").asDouble());

        var workspaceId = workspaces.findBySlug(WS).orElseThrow().id();
        var events = audit.find(workspaceId, new AuditQuery(null, "workforce.allocation-saved", null, null, 50));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.entityId()).isEqualTo(planId);
            assertThat(e.actor()).isEqualTo("manager");
            assertThat(e.details().toString()).contains("B1").contains("Tech is short");
        });

        var halfShift = Api.json(Map.of("agents", List.of("B3"), "shiftStart", "04:00"));
        assertThat(assertProblem(api.post(BASE + "/plans/" + planId + "/allocations", manager, halfShift), 400)
                        .get("detail")
                        .asString())
                .contains("both shiftStart and shiftEnd");
        var unknownAgent = Api.json(Map.of("agents", List.of("Z9"), "queues", Map.of("Billing", 1)));
        assertThat(assertProblem(api.post(BASE + "/plans/" + planId + "/allocations", manager, unknownAgent), 400)
                        .get("detail")
                        .asString())
                .contains("Z9");
        assertProblem(api.post(BASE + "/plans/" + planId + "/allocations", viewer, move), 403);

        var allocationId = saved.json().get("id").asString();
        assertThat(api.delete(BASE + "/plans/" + planId + "/allocations/" + allocationId, manager)
                        .status())
                .isEqualTo(204);
        assertThat(interval(api.get(BASE + "/plans/" + planId, manager).json(), "Technical", 10, 0)
                        .get("available")
                        .asDouble())
                .isEqualTo(1.5);
        assertThat(audit.find(workspaceId, new AuditQuery(null, "workforce.allocation-removed", null, null, 50)))
                .anySatisfy(e -> assertThat(e.entityId()).isEqualTo(planId));
    }

    @Test
    void aForecastEditChangesThePlan() {
        var roster = uploadRoster("Edit roster", ROSTER);
        var planId = createPlan(roster.get("id").asString(), PARAMETERS)
                .json()
                .get("id")
                .asString();
        var before = interval(api.get(BASE + "/plans/" + planId, manager).json(), "Billing", 11, 0);
        var time = LocalDateTime.parse(before.get("time").asString());
        var adjusted = api.post(
                "/api/v1/workspaces/" + WS + "/forecasts/" + forecast() + "/adjustments",
                manager,
                Api.json(Map.of(
                        "segment",
                        "queue=Billing",
                        "from",
                        time.toString(),
                        "to",
                        time.toString(),
                        "value",
                        60,
                        "reason",
                        "Mailing goes out")));
        assertThat(adjusted.status()).as(adjusted.body()).isBetween(200, 201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var after = interval(api.get(BASE + "/plans/" + planId, manager).json(), "Billing", 11, 0);
            assertThat(after.get("volume").asDouble()).isEqualTo(60.0);
            assertThat(after.get("required").asInt())
                    .isGreaterThan(before.get("required").asInt());
        });
        api.delete(
                "/api/v1/workspaces/" + WS + "/forecasts/" + forecast() + "/adjustments/"
                        + adjusted.json().get("id").asString(),
                manager);
    }

    @Test
    void theWorkforceDemoPlansItsForecastAgainstItsRoster() {
        var demo = "/api/v1/workspaces/workforce/capacity";
        var rosters = api.get(demo + "/rosters", viewer).json();
        assertThat(rosters.valueStream().map(r -> r.get("name").asString())).contains("Contact centre roster");
        assertThat(rosters.get(0).get("agents").asInt()).isBetween(110, 130);
        await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> api.get(demo + "/plans", viewer).json().size() > 0);
        var plan = api.get(demo + "/plans", viewer).json().get(0);
        assertThat(plan.get("name").asString()).isEqualTo("Next two weeks");
        var summary = api.get(demo + "/plans/" + plan.get("id").asString() + "/summary", viewer)
                .json();
        assertThat(summary.get("kpis").get("intervals").asInt()).isEqualTo(3 * 672);
        assertThat(summary.get("kpis").get("intervalsUnder").asInt()).isPositive();
        assertThat(summary.get("queues").valueStream().map(q -> q.get("key").asString()))
                .containsExactly("Billing", "Sales", "Technical");
    }
}
