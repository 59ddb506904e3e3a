package dev.foresight.audit;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.identity.Workspaces;
import dev.foresight.support.Api;
import dev.foresight.support.DemoData;
import dev.foresight.support.ForesightTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail of a workspace made for each test: a hash chain that verification re-computes, so that an edited,
 * removed or truncated event is found; and a CSV export that spreadsheets cannot run as formulas.
 */
@ForesightTest
class AuditChainTests {

    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Api api;
    String admin;
    String slug;
    long workspaceId;

    @BeforeEach
    void setUp() {
        DemoData.awaitSeeded(workspaces);
        api = new Api(port);
        admin = api.tokenFor("admin");
        slug = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        var created = api.post("/api/v1/workspaces", admin, Api.json(Map.of("slug", slug, "name", "Audit " + slug)));
        assertThat(created.status()).isEqualTo(201);
        workspaceId = created.json().get("id").asLong();
    }

    @Test
    void actionsFormAnIntactChain() {
        int events = act();
        assertThat(events).as("created, then seven actions").isEqualTo(8);

        var verification = verify();

        assertThat(verification.propertyNames()).containsExactlyInAnyOrder("intact", "events");
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("events").asLong()).isEqualTo(events).isEqualTo(stored());
        var rows = chain();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).seq()).isEqualTo(i + 1);
            assertThat(rows.get(i).prevHash())
                    .isEqualTo(i == 0 ? "0".repeat(64) : rows.get(i - 1).hash());
        }
        var listed = api.get(audit(""), admin).json();
        assertThat(listed.size()).isEqualTo(events);
        assertThat(listed.get(0).get("seq").asLong()).as("newest first").isEqualTo(events);
        assertThat(listed.get(events - 1).get("action").asString()).isEqualTo("workspace.created");
    }

    @Test
    void editedDetailsBreakTheChainAtThatEvent() {
        act();
        var middle = chain().get(2);

        jdbc.sql("update audit_events set details = 'name=innocent' where id = ?")
                .param(middle.id())
                .update();

        var verification = verify();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenEventId").asLong()).isEqualTo(middle.id());
        assertThat(verification.get("reason").asString()).contains("altered");

        jdbc.sql("update audit_events set details = ? where id = ?")
                .params(middle.details(), middle.id())
                .update();
        assertThat(verify().get("intact").asBoolean()).as("restored").isTrue();
    }

    @Test
    void anEditedActorBreaksTheChainAtThatEvent() {
        act();
        var middle = chain().get(3);
        assertThat(middle.actor()).isEqualTo("admin");

        jdbc.sql("update audit_events set actor = 'someone-else' where id = ?")
                .param(middle.id())
                .update();

        var verification = verify();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenEventId").asLong()).isEqualTo(middle.id());
        assertThat(verify("claims").get("intact").asBoolean())
                .as("other workspaces' chains are their own")
                .isTrue();
    }

    @Test
    void aRemovedEventBreaksTheChainAtTheNextOne() {
        act();
        var rows = chain();

        jdbc.sql("delete from audit_events where id = ?")
                .param(rows.get(2).id())
                .update();

        var verification = verify();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenEventId").asLong())
                .isEqualTo(rows.get(3).id());
    }

    @Test
    void aRemovedNewestEventIsFoundThroughTheChainHead() {
        int events = act();
        var rows = chain();

        jdbc.sql("delete from audit_events where id = ?")
                .param(rows.getLast().id())
                .update();

        var verification = verify();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("events").asLong()).isEqualTo(events - 1);
        assertThat(verification.get("reason").asString()).contains("newest");
    }

    @Test
    void verificationIsForAdmins() {
        assertProblem(api.get("/api/v1/workspaces/claims/audit/verify", api.tokenFor("manager")), 403);
        assertProblem(api.get("/api/v1/workspaces/" + slug + "/audit/verify", api.tokenFor("manager")), 404);
    }

    @Test
    void theCsvExportDefusesFormulas() {
        var evil = "@evil-" + UUID.randomUUID().toString().substring(0, 6);
        var account = Map.of("username", evil, "password", "correct horse battery", "role", "ADMIN");
        assertThat(api.post("/api/v1/workspaces/" + slug + "/local-accounts", admin, Api.json(account))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/workspaces/" + slug + "/directory-mappings",
                                admin,
                                Api.json(Map.of("group", FORMULA, "role", "VIEWER")))
                        .status())
                .isEqualTo(204);
        var evilToken = api.post(
                        "/api/v1/auth/token",
                        null,
                        Api.json(Map.of("username", evil, "password", "correct horse battery")))
                .json()
                .get("access_token")
                .asString();
        assertThat(api.post("/api/v1/workspaces/" + slug + "/api-tokens", evilToken, Api.json(Map.of("name", "+1")))
                        .status())
                .isEqualTo(201);

        var export = api.get("/api/v1/workspaces/" + slug + "/audit/export", admin);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).contains("audit-" + slug + ".csv");
        var rows = parseCsv(export.body());
        assertThat(rows.getFirst())
                .containsExactly(
                        "seq",
                        "occurred_at",
                        "actor",
                        "action",
                        "entity_type",
                        "entity_id",
                        "request_id",
                        "client_address",
                        "details",
                        "hash");
        assertThat(rows).hasSize(1 + (int) stored());
        assertThat(cell(rows, "directory-mapping.saved", 5)).isEqualTo("'" + FORMULA);
        assertThat(cell(rows, "local-account.created", 5)).isEqualTo("'" + evil);
        assertThat(cell(rows, "api-token.created", 2)).isEqualTo("'" + evil);
        for (var row : rows) {
            for (var value : row) {
                assertThat(value).as("no cell starts a formula").doesNotStartWith("=");
                assertThat(value).doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
                assertThat(value).doesNotStartWith("\t").doesNotStartWith("\r");
            }
        }
        assertThat(export.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");

        var filtered = parseCsv(
                api.get("/api/v1/workspaces/" + slug + "/audit/export?actor=" + evil.replace("@", "%40"), admin)
                        .body());
        assertThat(filtered).hasSize(2);
        assertThat(filtered.get(1).get(3)).isEqualTo("api-token.created");
    }

    /** Seven actions of different kinds in the workspace; answers how many events its chain has then. */
    private int act() {
        var ids = new ArrayList<String>();
        for (var name : List.of("first", "second", "third")) {
            var created = api.post(tokens(), admin, Api.json(Map.of("name", name)));
            assertThat(created.status()).isEqualTo(201);
            ids.add(created.json().get("id").asString());
        }
        assertThat(api.delete(tokens() + "/" + ids.get(1), admin).status()).isEqualTo(204);
        assertThat(api.post(
                                "/api/v1/workspaces/" + slug + "/directory-mappings",
                                admin,
                                Api.json(Map.of("group", "auditors", "role", "VIEWER")))
                        .status())
                .isEqualTo(204);
        var member = "member-" + UUID.randomUUID().toString().substring(0, 8);
        var account = Map.of("username", member, "password", "correct horse battery", "role", "VIEWER");
        assertThat(api.post("/api/v1/workspaces/" + slug + "/local-accounts", admin, Api.json(account))
                        .status())
                .isEqualTo(201);
        assertThat(api.put(
                                "/api/v1/workspaces/" + slug + "/members/" + member,
                                admin,
                                Api.json(Map.of("role", "MANAGER")))
                        .status())
                .isEqualTo(204);
        return (int) stored();
    }

    record Row(long id, long seq, String actor, String details, String prevHash, String hash) {}

    private List<Row> chain() {
        return jdbc.sql(
                        """
                        select id, seq, actor, details, prev_hash, hash from audit_events
                        where chain_key = ? order by seq""")
                .param("ws-" + workspaceId)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getLong("seq"),
                        rs.getString("actor"),
                        rs.getString("details"),
                        rs.getString("prev_hash"),
                        rs.getString("hash")))
                .list();
    }

    private long stored() {
        return jdbc.sql("select count(*) from audit_events where workspace_id = ?")
                .param(workspaceId)
                .query(Long.class)
                .single();
    }

    private JsonNode verify() {
        return verify(slug);
    }

    private JsonNode verify(String workspace) {
        var response = api.get("/api/v1/workspaces/" + workspace + "/audit/verify", admin);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private String tokens() {
        return "/api/v1/workspaces/" + slug + "/api-tokens";
    }

    private String audit(String query) {
        return "/api/v1/workspaces/" + slug + "/audit" + query;
    }

    private static String cell(List<List<String>> rows, String action, int column) {
        return rows.stream()
                .filter(row -> row.get(3).equals(action))
                .map(row -> row.get(column))
                .filter(value -> value.startsWith("'"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " row with a defused cell " + column));
    }

    /** RFC 4180, as a spreadsheet reads it. */
    static List<List<String>> parseCsv(String text) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(value.toString());
                value.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(value.toString());
                value.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                value.append(c);
            }
        }
        if (!value.isEmpty() || !row.isEmpty()) {
            row.add(value.toString());
            rows.add(row);
        }
        return rows;
    }
}
