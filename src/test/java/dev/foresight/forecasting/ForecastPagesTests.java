package dev.foresight.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.foresight.identity.ForesightUser;
import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The forecast pages as a manager uses them: start a forecast from the form, watch it finish, adjust it, see the
 * adjustment on the page; and the demo: a "Contact volumes" upload to {@code workforce} is forecast per queue.
 */
@ForesightTest
class ForecastPagesTests {

    @Autowired
    MockMvc mvc;

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
    void aManagerStartsAForecastFromTheFormAndAdjustsItOnItsPage() throws Exception {
        var csv = new StringBuilder("week_start,orders\n");
        var start = java.time.LocalDate.of(2024, 1, 1);
        for (int d = 0; d < 120; d++) {
            csv.append(start.plusDays(d))
                    .append(',')
                    .append(50 + (d % 7 == 5 ? 30 : 0) + d % 3)
                    .append('\n');
        }
        var dataset = ForecastFixtures.upload(api, manager, "claims", "Orders for pages", csv.toString());

        var list = page("/w/claims/forecasts");
        assertThat(list).contains("New forecast").contains("Orders for pages").contains("forecasting.js");

        var refused = mvc.perform(MockMvcRequestBuilders.post("/w/claims/forecasts")
                        .param("dataset", dataset)
                        .param("timeColumn", "week_start")
                        .param("measure", "orders")
                        .param("frequency", "day")
                        .param("horizon", "lots")
                        .with(as("manager", "Max Manager"))
                        .with(csrf()))
                .andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/w/claims/forecasts");
        assertThat(String.valueOf(refused.getFlashMap().get("error"))).contains("whole number");

        var started = mvc.perform(MockMvcRequestBuilders.post("/w/claims/forecasts")
                        .param("dataset", dataset)
                        .param("timeColumn", "week_start")
                        .param("measure", "orders")
                        .param("frequency", "day")
                        .param("horizon", "14")
                        .with(as("manager", "Max Manager"))
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(started).startsWith("/w/claims/forecasts/");
        var id = started.substring(started.lastIndexOf('/') + 1);
        var forecast = ForecastFixtures.awaitFinished(api, manager, "claims", id);
        assertThat(forecast.get("status").asString()).isEqualTo("SUCCEEDED");

        var detail = page(started);
        assertThat(detail)
                .contains("forecast-chart")
                .contains(forecast.get("series").get(0).get("model").asString())
                .contains("(chosen)")
                .contains("No adjustments.");

        var first = LocalDateTime.parse(
                forecast.get("series").get(0).get("points").get(0).get("time").asString());
        var adjusted = mvc.perform(MockMvcRequestBuilders.post(started + "/adjustments")
                        .param("from", first.toString())
                        .param("kind", "percent")
                        .param("amount", "20")
                        .param("reason", "Spring promotion")
                        .with(as("manager", "Max Manager"))
                        .with(csrf()))
                .andReturn();
        assertThat(adjusted.getFlashMap().get("info")).isEqualTo("Adjustment saved.");
        assertThat(page(started))
                .contains("Spring promotion")
                .contains("+20.0 %")
                .contains("table-warning");

        var data = mvc.perform(MockMvcRequestBuilders.get(started + "/data").with(as("manager", "Max Manager")))
                .andReturn()
                .getResponse();
        assertThat(data.getContentType()).startsWith("application/json");
        assertThat(data.getContentAsString()).contains("\"adjusted\":");
    }

    @Test
    void theWorkforceDemoForecastsContactVolumesPerQueueWhenTheyArePublished() {
        var csv = new StringBuilder("interval_start,queue,contacts,aht_seconds\n");
        var start = LocalDateTime.of(2026, 1, 5, 0, 0);
        var random = new java.util.Random(6);
        for (int slot = 0; slot < 21 * 48; slot++) {
            var time = start.plusMinutes(30L * slot);
            boolean open = time.getHour() >= 8 && time.getHour() < 20;
            for (var queue : List.of("Billing", "Technical", "Sales")) {
                int contacts = open ? 20 + random.nextInt(10) : random.nextInt(2);
                csv.append(time)
                        .append(',')
                        .append(queue)
                        .append(',')
                        .append(contacts)
                        .append(",300\n");
            }
        }
        var dataset = ForecastFixtures.upload(api, manager, "workforce", "Contact volumes", csv.toString());

        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/workspaces/workforce/forecasts", manager)
                        .json()
                        .valueStream()
                        .anyMatch(f -> f.get("datasetId").asString().equals(dataset)
                                && f.get("status").asString().equals("SUCCEEDED")));
        var runs = api.get("/api/v1/workspaces/workforce/forecasts", manager)
                .json()
                .valueStream()
                .filter(f -> f.get("datasetId").asString().equals(dataset))
                .toList();
        assertThat(runs).as("one forecast per published version").hasSize(1);
        var forecast = api.get(
                        "/api/v1/workspaces/workforce/forecasts/"
                                + runs.getFirst().get("id").asString(),
                        manager)
                .json();
        assertThat(forecast.get("frequency").asString()).isEqualTo("30min");
        assertThat(forecast.get("series").valueStream().map(s -> s.get("segment")
                        .asString()))
                .containsExactlyInAnyOrder("queue=Billing", "queue=Technical", "queue=Sales");
        for (var series : forecast.get("series")) {
            assertThat(series.get("points").size()).isEqualTo(672);
            assertThat(series.get("points").get(0).get("time").asString()).isEqualTo("2026-01-26T00:00:00");
        }
    }

    private String page(String path) throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.get(path).with(as("manager", "Max Manager")))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static RequestPostProcessor as(String username, String name) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new ForesightUser(username, name, false), null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    }
}
