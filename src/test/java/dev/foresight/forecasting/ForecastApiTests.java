package dev.foresight.forecasting;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Forecasts through the HTTP API on a small uploaded CSV: daily visits of two sites with a strong weekly pattern and
 * noise, whose last four weeks are held back to check the forecast against what happened. Everything runs for real:
 * the upload is processed by DuckDB, the forecast is an execution on JobRunr reading the Parquet version.
 */
@ForesightTest
class ForecastApiTests {

    private static final String BASE = "/api/v1/workspaces/claims/forecasts";
    private static final int DAYS = 308;
    private static final int HELD_OUT = 28;
    private static final double[] WEEK = {1.0, 1.15, 1.1, 1.05, 0.95, 0.55, 0.45};
    private static final LocalDate START = LocalDate.of(2025, 1, 6);

    private static @Nullable String datasetId;
    private static final Map<String, double[]> ACTUALS = new HashMap<>();

    @Autowired
    Workspaces workspaces;

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

    @Test
    void aWeeklySeasonalSeriesIsForecastPerSegmentWithIntervalsThatHoldTheHeldOutDays() {
        var started = api.post(BASE, manager, spec(List.of("site"), 28));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().propertyNames()).containsExactlyInAnyOrder("forecastId", "executionId");
        var forecast = awaitFinished(started.json().get("forecastId").asString());

        assertThat(forecast.get("status").asString()).isEqualTo("SUCCEEDED");
        var execution = api.get(
                        "/api/v1/workspaces/claims/executions/"
                                + started.json().get("executionId").asString(),
                        manager)
                .json();
        assertThat(execution.get("type").asString()).isEqualTo("forecast.run");
        assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(forecast.get("seriesDone").asInt()).isEqualTo(2);
        assertThat(forecast.get("seriesTotal").asInt()).isEqualTo(2);

        var series = forecast.get("series");
        assertThat(series.valueStream().map(s -> s.get("segment").asString()))
                .containsExactly("site=North", "site=South");
        int inside95 = 0;
        int inside80 = 0;
        int total = 0;
        double modelErrors = 0;
        double seasonalNaiveErrors = 0;
        for (var one : series) {
            var model = one.get("model").asString();
            assertThat(model).isNotEqualTo("Naive");
            var backtest = one.get("backtest");
            assertThat(backtest.propertyNames()).contains("mase", "smape", "rmse", "coverage80", "coverage95");
            var candidates = one.get("candidates");
            assertThat(candidates.size()).isGreaterThanOrEqualTo(4);
            assertThat(candidates.get(0).get("model").asString()).isEqualTo(model);
            double naiveMase = mase(candidates, "Naive");
            double seasonalNaiveMase = mase(candidates, "Seasonal naive");
            assertThat(backtest.get("mase").asDouble()).isLessThanOrEqualTo(seasonalNaiveMase);
            assertThat(backtest.get("mase").asDouble()).isLessThan(naiveMase);

            var points = one.get("points");
            assertThat(points.size()).isEqualTo(28);
            assertThat(points.get(0).get("time").asString()).startsWith(START.plusDays(DAYS - HELD_OUT) + "T00:00");
            var actual = ACTUALS.get(one.get("segment").asString());
            double modelError = 0;
            double naiveError = 0;
            for (int h = 0; h < 28; h++) {
                var p = points.get(h);
                assertThat(p.get("lo95").asDouble())
                        .isLessThanOrEqualTo(p.get("lo80").asDouble());
                assertThat(p.get("lo80").asDouble())
                        .isLessThanOrEqualTo(p.get("value").asDouble());
                assertThat(p.get("value").asDouble())
                        .isLessThanOrEqualTo(p.get("hi80").asDouble());
                assertThat(p.get("hi80").asDouble())
                        .isLessThanOrEqualTo(p.get("hi95").asDouble());
                double truth = actual[DAYS - HELD_OUT + h];
                inside95 += truth >= p.get("lo95").asDouble()
                                && truth <= p.get("hi95").asDouble()
                        ? 1
                        : 0;
                inside80 += truth >= p.get("lo80").asDouble()
                                && truth <= p.get("hi80").asDouble()
                        ? 1
                        : 0;
                total++;
                modelError += Math.abs(truth - p.get("value").asDouble());
                naiveError += Math.abs(truth - actual[DAYS - HELD_OUT - 1]);
                seasonalNaiveErrors += Math.abs(truth - actual[DAYS - HELD_OUT - 7 + h % 7]);
            }
            modelErrors += modelError;
            assertThat(modelError)
                    .as("held-out error of %s against naive", model)
                    .isLessThan(naiveError);
            assertThat(one.get("history").size()).isGreaterThan(200);
        }
        assertThat(modelErrors)
                .as("held-out error of the chosen models against seasonal naive, over both sites")
                .isLessThan(seasonalNaiveErrors);
        assertThat((double) inside95 / total)
                .as("95 %% interval coverage of the held-out days")
                .isGreaterThan(0.85);
        assertThat((double) inside80 / total)
                .as("80 %% interval coverage of the held-out days")
                .isGreaterThan(0.6);
        // South lacks one day in the file: the gap is filled with zero and the note says so.
        assertThat(series.get(1).get("note").asString()).contains("1 empty day bucket filled with 0");

        var csv = api.get(BASE + "/" + forecast.get("id").asString() + "/export", manager);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        var lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("segment,time,forecast,lo80,hi80,lo95,hi95,adjusted,model");
        assertThat(lines).hasSize(1 + 56);

        var list = api.get(BASE, manager).json();
        assertThat(list.valueStream().map(f -> f.get("id").asString()))
                .contains(forecast.get("id").asString());
    }

    @Test
    void managersAdjustForecastsInALayerThatIsAuditedKeptAcrossRerunsAndRemovable() {
        var first = awaitFinished(start(spec(List.of("site"), 14)));
        var id = first.get("id").asString();
        var day1 = first.get("series").get(0).get("points").get(0);
        var day3 = first.get("series").get(0).get("points").get(2).get("time").asString();
        var day5 = first.get("series").get(0).get("points").get(4).get("time").asString();

        var viewer = api.tokenFor("viewer");
        assertProblem(
                api.post(
                        BASE + "/" + id + "/adjustments",
                        viewer,
                        Api.json(Map.of("from", day1.get("time").asString(), "value", 5, "reason", "nope"))),
                403);

        var cell = api.post(
                BASE + "/" + id + "/adjustments",
                manager,
                Api.json(Map.of(
                        "segment",
                        "site=North",
                        "from",
                        day1.get("time").asString(),
                        "value",
                        999,
                        "reason",
                        "Open day at North")));
        assertThat(cell.status()).as(cell.body()).isEqualTo(201);
        var uplift = api.post(
                BASE + "/" + id + "/adjustments",
                manager,
                Api.json(Map.of("from", day3, "to", day5, "percent", 10, "reason", "Marketing campaign")));
        assertThat(uplift.status()).as(uplift.body()).isEqualTo(201);

        var adjusted = api.get(BASE + "/" + id, manager).json();
        var north = adjusted.get("series").get(0).get("points");
        var south = adjusted.get("series").get(1).get("points");
        assertThat(north.get(0).get("adjusted").asDouble()).isEqualTo(999);
        assertThat(north.get(0).get("value").asDouble())
                .isEqualTo(day1.get("value").asDouble());
        assertThat(north.get(1).get("adjusted").isNull()).isTrue();
        assertThat(south.get(0).get("adjusted").isNull())
                .as("the cell was for North only")
                .isTrue();
        for (int i = 2; i <= 4; i++) {
            assertThat(south.get(i).get("adjusted").asDouble())
                    .isCloseTo(
                            south.get(i).get("value").asDouble() * 1.1, org.assertj.core.api.Assertions.within(1e-3));
        }
        assertThat(south.get(5).get("adjusted").isNull()).isTrue();

        var admin = api.tokenFor("admin");
        var audit = api.get("/api/v1/workspaces/claims/audit?action=forecast.adjusted", admin)
                .json();
        assertThat(audit.valueStream().filter(e -> e.get("entityId").asString().equals(id)))
                .hasSize(2)
                .anyMatch(e -> e.get("details").asString().contains("Marketing campaign")
                        && e.get("actor").asString().equals("manager"));

        // A re-run of the same spec is a new forecast; the adjustments still apply to its horizon.
        var second = awaitFinished(start(spec(List.of("site"), 14)));
        var secondId = second.get("id").asString();
        assertThat(secondId).isNotEqualTo(id);
        assertThat(second.get("series")
                        .get(0)
                        .get("points")
                        .get(0)
                        .get("adjusted")
                        .asDouble())
                .isEqualTo(999);
        var kept = api.get(BASE + "/" + secondId + "/adjustments", manager).json();
        assertThat(kept.size()).isEqualTo(2);
        var history = api.get(BASE + "/" + secondId + "/history", manager).json();
        assertThat(history.valueStream().map(f -> f.get("id").asString())).contains(id, secondId);

        var cellId = cell.json().get("id").asString();
        assertProblem(api.delete(BASE + "/" + secondId + "/adjustments/" + cellId, viewer), 403);
        assertThat(api.delete(BASE + "/" + secondId + "/adjustments/" + cellId, manager)
                        .status())
                .isEqualTo(204);
        var after = api.get(BASE + "/" + secondId, manager).json();
        assertThat(after.get("series")
                        .get(0)
                        .get("points")
                        .get(0)
                        .get("adjusted")
                        .isNull())
                .isTrue();
        assertThat(api.get(BASE + "/" + secondId + "/adjustments", manager)
                        .json()
                        .size())
                .isEqualTo(1);
        assertProblem(api.delete(BASE + "/" + secondId + "/adjustments/" + cellId, manager), 404);
        var removed = api.get("/api/v1/workspaces/claims/audit?action=forecast.adjustment-removed", admin)
                .json();
        assertThat(removed.valueStream()
                        .filter(e -> e.get("entityId").asString().equals(secondId)))
                .hasSize(1);

        assertProblem(
                api.post(
                        BASE + "/" + secondId + "/adjustments",
                        manager,
                        Api.json(Map.of("from", day1.get("time").asString(), "value", 5))),
                400);
        assertProblem(
                api.post(
                        BASE + "/" + secondId + "/adjustments",
                        manager,
                        Api.json(Map.of("from", "2000-01-01T00:00:00", "value", 5, "reason", "long ago"))),
                400);
        assertProblem(
                api.post(
                        BASE + "/" + secondId + "/adjustments",
                        manager,
                        Api.json(Map.of(
                                "from", day1.get("time").asString(), "value", 5, "percent", 3, "reason", "both"))),
                400);
        assertProblem(
                api.post(
                        BASE + "/" + secondId + "/adjustments",
                        manager,
                        Api.json(Map.of(
                                "segment",
                                "site=Nowhere",
                                "from",
                                day1.get("time").asString(),
                                "value",
                                5,
                                "reason",
                                "x"))),
                400);
    }

    @Test
    void badSpecsAreRefusedWithAMessageAndChangeNothing() {
        int before = api.get(BASE, manager).json().size();
        var dataset = dataset();
        assertThat(detail(assertProblem(
                        api.post(BASE, manager, spec(dataset, "day", "visits", List.of("nope"), 7)), 400)))
                .contains("no column 'nope'");
        assertThat(detail(assertProblem(api.post(BASE, manager, spec(dataset, "day", "site", List.of(), 7)), 400)))
                .contains("must be numeric");
        assertThat(detail(assertProblem(api.post(BASE, manager, spec(dataset, "site", "visits", List.of(), 7)), 400)))
                .contains("dates or timestamps");
        assertThat(detail(assertProblem(api.post(BASE, manager, spec(List.of(), 0)), 400)))
                .contains("horizon");
        assertThat(detail(assertProblem(api.post(BASE, manager, spec(List.of(), 1_000_000)), 400)))
                .contains("horizon");
        var weird = new LinkedHashMap<String, Object>(Map.of(
                "dataset",
                dataset,
                "timeColumn",
                "day",
                "measure",
                "visits",
                "frequency",
                "fortnightly",
                "horizon",
                7));
        assertThat(detail(assertProblem(api.post(BASE, manager, Api.json(weird)), 400)))
                .contains("frequency");
        assertProblem(
                api.post(BASE, manager, spec("00000000-0000-0000-0000-000000000000", "day", "visits", List.of(), 7)),
                404);
        assertProblem(api.post(BASE, manager, "{not json"), 400);
        assertProblem(api.post(BASE, api.tokenFor("viewer"), spec(List.of(), 7)), 403);
        assertThat(api.get(BASE, manager).json().size()).isEqualTo(before);
    }

    @Test
    void aSeriesTooShortForASeasonFallsBackAndSaysSo() {
        var csv = new StringBuilder("day,visits\n");
        for (int d = 0; d < 10; d++) {
            csv.append(START.plusDays(d)).append(',').append(100 + d % 3).append('\n');
        }
        var short_ = upload("Ten days", csv.toString());
        var forecast = awaitFinished(start(spec(short_, "day", "visits", List.of(), 7)));
        assertThat(forecast.get("status").asString()).isEqualTo("SUCCEEDED");
        var series = forecast.get("series").get(0);
        assertThat(series.get("segment").asString()).isEqualTo("all");
        assertThat(series.get("note").asString()).contains("Too short for a seasonal model");
        assertThat(series.get("model").asString()).doesNotStartWith("Seasonal");
        assertThat(series.get("points").size()).isEqualTo(7);
    }

    @Test
    void forecastsOfOneWorkspaceAreInvisibleFromAnother() {
        var id = start(spec(List.of(), 7));
        assertProblem(api.get("/api/v1/workspaces/insights/forecasts/" + id, manager), 404);
        assertProblem(api.get("/api/v1/workspaces/insights/forecasts/" + id + "/adjustments", manager), 404);
        var outsider = api.tokenFor("outsider");
        assertProblem(api.get(BASE + "/" + id, outsider), 404);
        assertProblem(api.get(BASE, outsider), 404);
        assertThat(api.get("/api/v1/workspaces/insights/forecasts", manager)
                        .json()
                        .valueStream()
                        .map(f -> f.get("id").asString()))
                .doesNotContain(id);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static String detail(JsonNode problem) {
        return problem.get("detail").asString();
    }

    private static double mase(JsonNode candidates, String model) {
        return candidates
                .valueStream()
                .filter(c -> c.get("model").asString().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no candidate " + model + " in " + candidates))
                .get("backtest")
                .get("mase")
                .asDouble();
    }

    private String start(String spec) {
        var response = api.post(BASE, manager, spec);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("forecastId").asString();
    }

    private JsonNode awaitFinished(String forecastId) {
        return ForecastFixtures.awaitFinished(api, manager, "claims", forecastId);
    }

    private String spec(List<String> segments, int horizon) {
        return spec(dataset(), "day", "visits", segments, horizon);
    }

    private static String spec(String dataset, String time, String measure, List<String> segments, int horizon) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("dataset", dataset);
        spec.put("timeColumn", time);
        spec.put("measure", measure);
        spec.put("segments", segments);
        spec.put("frequency", "day");
        spec.put("horizon", horizon);
        return Api.json(spec);
    }

    /** Visits of two sites, all but the held-out last four weeks; South lacks one day. */
    private synchronized String dataset() {
        if (datasetId == null) {
            var csv = new StringBuilder("day,site,visits,comment\n");
            var random = new Random(20260101L);
            for (var site : List.of("North", "South")) {
                double level = site.equals("North") ? 400 : 150;
                var values = new double[DAYS];
                for (int d = 0; d < DAYS; d++) {
                    values[d] = Math.max(0, Math.round(level * WEEK[d % 7] + random.nextGaussian() * level * 0.06));
                }
                ACTUALS.put("site=" + site, values);
                for (int d = 0; d < DAYS - HELD_OUT; d++) {
                    if (site.equals("South") && d == 100) {
                        continue;
                    }
                    csv.append(START.plusDays(d))
                            .append(',')
                            .append(site)
                            .append(',')
                            .append((long) values[d])
                            .append(",ok\n");
                }
            }
            datasetId = upload("Site visits", csv.toString());
        }
        return datasetId;
    }

    private String upload(String name, String csv) {
        return ForecastFixtures.upload(api, manager, "claims", name, csv);
    }
}
