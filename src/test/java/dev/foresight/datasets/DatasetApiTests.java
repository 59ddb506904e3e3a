package dev.foresight.datasets;

import static dev.foresight.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.foresight.support.Api;
import dev.foresight.support.ApiTest;
import dev.foresight.support.ForesightTest;
import dev.foresight.support.Multipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Datasets through the HTTP API as a person or script uses it: upload, wait for processing, then read the version,
 * its quality report, its rejected rows and its rows. Everything runs for real: the upload streams to disk, JobRunr
 * picks up the work, DuckDB parses and validates, Parquet holds the rows.
 */
@ForesightTest
class DatasetApiTests extends ApiTest {

    private static final String BASE = "/api/v1/workspaces/claims/datasets";

    /** One claims upload shared by the tests that only read it. */
    private static @Nullable Uploaded shared;

    record Uploaded(String datasetId, String versionId, String executionId, ClaimsFile file) {}

    // --- the upload contract ---------------------------------------------------------------------------------------

    @Test
    void anUploadIsAcceptedAtOnceAndProcessedIntoATypedVersion() {
        var claims = claims();

        var version = version(claims.datasetId(), claims.versionId());
        assertThat(version.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(version.get("rowCount").asLong()).isEqualTo(199);
        assertThat(version.get("error").isNull()).isTrue();
        assertThat(version.get("number").asInt()).isEqualTo(1);
        assertThat(version.get("current").asBoolean()).isTrue();
        assertThat(version.get("executionId").asString()).isEqualTo(claims.executionId());
        assertThat(version.get("columns")
                        .valueStream()
                        .map(c -> tuple(
                                c.get("name").asString(),
                                c.get("type").asString(),
                                c.get("role").asString())))
                .containsExactly(
                        tuple("claim_id", "TEXT", "IDENTIFIER"),
                        tuple("member_id", "TEXT", "IDENTIFIER"),
                        tuple("service_date", "DATE", "TIME"),
                        tuple("billed_amount", "DECIMAL", "MEASURE"),
                        tuple("paid_amount", "DECIMAL", "MEASURE"),
                        tuple("status", "TEXT", "SEGMENT"),
                        tuple(
                                "notes",
                                "TEXT",
                                version.get("columns").get(6).get("role").asString()));
        assertThat(version.get("columns").get(3).get("typeShare").asDouble()).isEqualTo(0.995);

        var dataset = api.get(BASE + "/" + claims.datasetId(), manager).json();
        assertThat(dataset.get("currentVersionId").asString()).isEqualTo(claims.versionId());
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(199);
        assertThat(dataset.get("name").asString()).isEqualTo("Claims January");

        var execution = api.get("/api/v1/workspaces/claims/executions/" + claims.executionId(), manager)
                .json();
        assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(execution.get("type").asString()).isEqualTo("dataset.process");
    }

    @Test
    void theQualityReportCountsWhatTheFileHolds() {
        var claims = claims();
        var file = claims.file();

        var quality = quality(claims);

        assertThat(quality.get("rowsRead").asLong()).isEqualTo(202);
        assertThat(quality.get("rowsAccepted").asLong()).isEqualTo(199);
        assertThat(quality.get("rowsRejected").asLong())
                .as("two ragged records, one type")
                .isEqualTo(3);
        assertThat(quality.get("rowsWarned").asLong())
                .as("an SSN and a phone number")
                .isEqualTo(2);
        assertThat(rules(quality))
                .contains(
                        tuple("parse", null, "reject", 2L),
                        tuple("type", "billed_amount", "reject", 1L),
                        tuple("type", "service_date", "reject", 0L),
                        tuple("phi", "notes", "mask", 3L),
                        tuple("phi", "claim_id", "mask", 0L));

        // Lines as a person finds them in the file: after a two-line note and a blank line.
        assertThat(samples(quality))
                .containsExactlyInAnyOrder(
                        tuple((long) file.shortRecordLine, null, "parse", "Expected Number of Columns: 7 Found: 3"),
                        // DuckDB stops counting at the first field too many.
                        tuple((long) file.longRecordLine, null, "parse", "Expected Number of Columns: 7 Found: 8"),
                        tuple((long) file.lineOf(60), "billed_amount", "type", "n/a"),
                        tuple((long) file.lineOf(10), "notes", "phi", "SSN ***-**-**** confirmed"),
                        tuple((long) file.lineOf(20), "notes", "phi", "call ***-***-****"),
                        tuple((long) file.lineOf(60), "notes", "phi", "=SUM(1) SSN ***-**-****"));
        assertThat(file.lineOf(60))
                .as("the generated file really shifts the lines")
                .isEqualTo(62);
        assertThat(file.longRecordLine).isEqualTo(95);
        assertThat(quality.toString()).doesNotContain("123-45-6789", "234-56-7890", "456-78-9012", "555-123-4567");
    }

    @Test
    void rejectedRowsDownloadAsMaskedFormulaSafeCsv() {
        var claims = claims();
        var file = claims.file();

        var response = api.get(version(claims) + "/rejected", manager);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).contains("attachment");
        var rows = Csv.parse(response.body());
        assertThat(rows.getFirst())
                .containsExactly(
                        "line",
                        "reasons",
                        "claim_id",
                        "member_id",
                        "service_date",
                        "billed_amount",
                        "paid_amount",
                        "status",
                        "notes");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1))
                .containsExactly(
                        String.valueOf(file.lineOf(60)),
                        "type on billed_amount",
                        "C1060",
                        "M20",
                        "2024-01-05",
                        "n/a",
                        "150.50",
                        "DENIED",
                        "'=SUM(1) SSN ***-**-****");
        assertThat(rows.get(2).subList(0, 3))
                .containsExactly(
                        String.valueOf(file.shortRecordLine),
                        "Expected Number of Columns: 7 Found: 3",
                        "C9001,M1,2024-01-05");
        assertThat(rows.get(3).subList(0, 3))
                .containsExactly(
                        String.valueOf(file.longRecordLine),
                        "Expected Number of Columns: 7 Found: 8",
                        "C9002,M2,2024-01-06,10.50,10.50,PAID,SSN ***-**-****,extra,more");
        assertThat(response.body()).doesNotContain("234-56-7890").doesNotContain("456-78-9012");

        var audit = api.get("/api/v1/workspaces/claims/audit?action=dataset.rejected-rows-exported", admin());
        assertThat(audit.body()).contains(claims.versionId());
    }

    @Test
    void rowsAreMaskedPagedSortedFilteredAndSearched() {
        var claims = claims();
        var rows = rowsPath(claims.datasetId());

        var first = api.get(rows + "?limit=5", manager).json();
        assertThat(first.get("columns").valueStream().map(JsonNode::asString))
                .containsExactly(ClaimsFile.HEADER.split(","));
        assertThat(first.get("total").asLong()).isEqualTo(199);
        assertThat(first.get("rows")).hasSize(5);
        assertThat(first.get("rows").get(0).get(0).asString()).isEqualTo("C1001");
        assertThat(first.get("rows").get(0).get(2).asString()).isEqualTo("2024-01-02");
        assertThat(first.get("rows").get(0).get(3).asDouble()).isEqualTo(101.5);

        var page = api.get(rows + "?offset=190&limit=50", manager).json();
        assertThat(page.get("rows")).hasSize(9);
        assertThat(page.get("total").asLong()).isEqualTo(199);

        assertThat(column(api.get(rows + "?limit=3&sort=-billed_amount", manager), 3))
                .containsExactly("300.5", "299.5", "298.5");
        assertThat(column(api.get(rows + "?limit=2&sort=billed_amount", manager), 3))
                .containsExactly("101.5", "102.5");

        var denied = count(i -> ClaimsFile.status(i).equals("DENIED"));
        assertThat(total(rows + "?filter=" + encode("status:eq:DENIED"))).isEqualTo(denied);
        assertThat(total(rows + "?filter=" + encode("billed_amount:gt:250"))).isEqualTo(51);
        assertThat(total(rows + "?filter=" + encode("billed_amount:gt:250") + "&filter=" + encode("status:ne:PAID")))
                .isEqualTo(IntStream.rangeClosed(150, 200)
                        .filter(i -> !ClaimsFile.status(i).equals("PAID"))
                        .count());
        assertThat(total(rows + "?filter=" + encode("service_date:le:2024-01-02")))
                .isEqualTo(count(i -> i % 28 <= 1));
        assertThat(total(rows + "?filter=" + encode("notes:empty")))
                .isEqualTo(count(i -> ClaimsFile.note(i).isEmpty()));
        assertThat(total(rows + "?search=C1001")).as("row 1 and its duplicate").isEqualTo(2);
        assertThat(total(rows + "?filter=" + encode("claim_id:eq:' OR 1=1 --"))).isZero();

        var masked = api.get(rows + "?filter=" + encode("notes:contains:***"), manager);
        assertThat(column(masked, 6)).containsExactlyInAnyOrder("SSN ***-**-**** confirmed", "call ***-***-****");
        assertThat(api.get(rows + "?limit=1000", manager).body())
                .doesNotContain("123-45-6789")
                .doesNotContain("555-123-4567")
                .contains("ref 900-12-3456")
                .contains("first line\\nsecond line");

        assertThat(assertProblem(api.get(rows + "?filter=" + encode("nope:eq:1"), manager), 400)
                        .get("detail")
                        .asString())
                .contains("no column 'nope'");
        assertThat(assertProblem(api.get(rows + "?filter=" + encode("status:like:x"), manager), 400)
                        .get("detail")
                        .asString())
                .contains("Unknown filter operator");
        assertProblem(api.get(rows + "?sort=" + encode("-nope"), manager), 400);
        assertProblem(api.get(rows + "?filter=status", manager), 400);
    }

    @Test
    void theExportIsSpreadsheetSafeCsvOfTheFilteredRows() {
        var claims = claims();
        var export = BASE + "/" + claims.datasetId() + "/export";

        var all = api.get(export, manager);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("text/csv");
        var rows = Csv.parse(all.body());
        assertThat(rows.getFirst()).containsExactly(ClaimsFile.HEADER.split(","));
        assertThat(rows).hasSize(200);

        var formulas = Csv.parse(api.get(
                        export + "?filter=" + encode("claim_id:eq:C1050") + "&filter=" + encode("status:eq:DENIED"),
                        manager)
                .body());
        assertThat(formulas).hasSize(2);
        assertThat(formulas.get(1).get(6)).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        var minus = Csv.parse(api.get(export + "?filter=" + encode("claim_id:eq:C1100"), manager)
                .body());
        assertThat(minus.get(1).get(6)).isEqualTo("'-5 adjustment");

        var denied = Csv.parse(api.get(export + "?sort=-billed_amount&filter=" + encode("status:eq:DENIED"), manager)
                .body());
        assertThat(denied).hasSize(1 + (int) count(i -> ClaimsFile.status(i).equals("DENIED")));
        assertThat(denied.get(1).get(0)).isEqualTo("C1200");
    }

    // --- rules, roles and versions ---------------------------------------------------------------------------------

    @Test
    void rulesAreCheckedSavedAndAppliedByANewVersion() {
        var claims = upload("Claims rules", new ClaimsFile());
        var rulesPath = BASE + "/" + claims.datasetId() + "/rules";

        var defaults = api.get(rulesPath, manager).json();
        assertThat(defaults.valueStream()
                        .map(r ->
                                r.get("type").asString() + ":" + r.get("column").asString()))
                .containsExactly(
                        "phi:claim_id",
                        "phi:member_id",
                        "type:service_date",
                        "type:billed_amount",
                        "type:paid_amount",
                        "phi:status",
                        "phi:notes");

        var unknown = assertProblem(
                api.put(
                        rulesPath,
                        manager,
                        Api.json(List.of(Map.of("type", "required", "column", "nope", "action", "reject")))),
                400);
        assertThat(unknown.get("detail").asString()).contains("Rule 1 (required): there is no column 'nope'");
        var badPattern = assertProblem(
                api.put(
                        rulesPath,
                        manager,
                        Api.json(List.of(Map.of(
                                "type", "regex", "column", "claim_id", "action", "reject", "pattern", "C[0-9")))),
                400);
        assertThat(badPattern.get("detail").asString()).contains("not valid");
        var noAction = assertProblem(
                api.put(rulesPath, manager, Api.json(List.of(Map.of("type", "required", "column", "claim_id")))), 400);
        assertThat(noAction.get("detail").asString()).contains("Rule 1 needs a type and an action");
        assertProblem(api.put(rulesPath, manager, Api.json(List.of(Map.of("column", "claim_id")))), 400);
        assertProblem(api.put(rulesPath, manager, "[null]"), 400);
        assertProblem(api.put(rulesPath, manager, "[{\"type\":\"telepathy\",\"action\":\"reject\"}]"), 400);
        assertThat(api.get(BASE + "/" + claims.datasetId() + "/versions", manager)
                        .json()
                        .size())
                .as("refused rules change nothing")
                .isEqualTo(1);

        var rules = List.of(
                Map.of("type", "type", "column", "billed_amount", "action", "reject"),
                Map.of("type", "regex", "column", "claim_id", "action", "reject", "pattern", "C[0-9]{4}"),
                Map.of(
                        "type",
                        "allowed-values",
                        "column",
                        "status",
                        "action",
                        "warn",
                        "values",
                        List.of("PAID", "DENIED")),
                Map.of(
                        "type",
                        "compare",
                        "column",
                        "paid_amount",
                        "action",
                        "reject",
                        "operator",
                        "<=",
                        "otherColumn",
                        "billed_amount"),
                Map.of("type", "unique", "columns", List.of("claim_id"), "action", "reject"),
                Map.of("type", "phi", "column", "notes", "action", "mask"),
                Map.of("type", "max-length", "column", "notes", "action", "warn", "maxLength", 20));
        var saved = api.put(rulesPath, manager, Api.json(rules));
        assertThat(saved.status()).as(saved.body()).isEqualTo(202);
        var reprocessed = saved.json().get("versionId").asString();
        assertThat(reprocessed).isNotEqualTo(claims.versionId());
        assertThat(saved.json().get("datasetId").asString()).isEqualTo(claims.datasetId());

        var version = awaitProcessed(claims.datasetId(), reprocessed);
        assertThat(version.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(version.get("number").asInt()).isEqualTo(2);
        assertThat(version.get("origin").asString()).isEqualTo("REPROCESS");
        assertThat(version.get("current").asBoolean()).isTrue();
        var quality = api.get(BASE + "/" + claims.datasetId() + "/versions/" + reprocessed + "/quality", manager)
                .json();
        assertThat(rules(quality))
                .containsExactly(
                        tuple("parse", null, "reject", 2L),
                        tuple("type", "billed_amount", "reject", 1L),
                        tuple("regex", "claim_id", "reject", 0L),
                        tuple("allowed-values", "status", "warn", 2L),
                        tuple("compare", "paid_amount", "reject", 2L),
                        tuple("unique", "claim_id", "reject", 1L),
                        tuple("phi", "notes", "mask", 3L),
                        tuple("max-length", "notes", "warn", 4L));
        assertThat(quality.get("rowsRejected").asLong())
                .as("parse 2, type 1, compare 2, unique 1")
                .isEqualTo(6);
        assertThat(quality.get("rowsWarned").asLong())
                .as("VOID twice, SSN, phone, and two more long notes")
                .isEqualTo(6);
        assertThat(quality.get("rowsAccepted").asLong()).isEqualTo(196);
        var file = claims.file();
        assertThat(samples(quality))
                .contains(
                        tuple((long) file.lineOf(7), "paid_amount", "compare", "112.50"),
                        tuple((long) file.lineOf(ClaimsFile.DUPLICATE), "claim_id", "unique", "C1001"),
                        tuple((long) file.lineOf(13), "status", "allowed-values", "VOID"),
                        // A rule that is not about PHI still never shows it.
                        tuple((long) file.lineOf(10), "notes", "max-length", "SSN ***-**-**** confirmed"));
        assertThat(quality.toString()).doesNotContain("123-45-6789").doesNotContain("234-56-7890");
        assertThat(version.get("rowCount").asLong()).isEqualTo(196);
        assertThat(api.get(rulesPath, manager).json().size()).isEqualTo(7);

        var duplicates = api.get(rowsPath(claims.datasetId()) + "?filter=" + encode("claim_id:eq:C1001"), manager)
                .json();
        assertThat(duplicates.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aRoleChangeReprocessesAndAnOlderVersionCanBeRestored() {
        var claims = upload("Claims roles", new ClaimsFile());
        var base = BASE + "/" + claims.datasetId();

        assertProblem(api.put(base + "/columns/nope/role", manager, "{\"role\":\"LABEL\"}"), 404);
        assertProblem(api.put(base + "/columns/status/role", manager, "{\"role\":\"BOSS\"}"), 400);
        var changed = api.put(base + "/columns/status/role", manager, "{\"role\":\"LABEL\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(202);
        var second = changed.json().get("versionId").asString();
        var version = awaitProcessed(claims.datasetId(), second);
        assertThat(version.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(version.get("columns").get(5).get("role").asString()).isEqualTo("LABEL");

        // A third version under stricter rules (and without the type rule), then back to the first.
        var strict = api.put(
                base + "/rules",
                manager,
                Api.json(List.of(
                        Map.of("type", "unique", "columns", List.of("claim_id"), "action", "reject"),
                        Map.of(
                                "type",
                                "compare",
                                "column",
                                "paid_amount",
                                "action",
                                "reject",
                                "operator",
                                "<=",
                                "otherColumn",
                                "billed_amount"))));
        assertThat(strict.status()).as(strict.body()).isEqualTo(202);
        var third = strict.json().get("versionId").asString();
        assertThat(awaitProcessed(claims.datasetId(), third).get("rowCount").asLong())
                .as("200 rows less a duplicate and two overpaid")
                .isEqualTo(197);
        assertThat(total(rowsPath(claims.datasetId()))).isEqualTo(197);

        var restored = api.post(base + "/versions/" + claims.versionId() + "/current", manager, "");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.json().get("current").asBoolean()).isTrue();
        assertThat(api.get(base, manager).json().get("currentVersionId").asString())
                .isEqualTo(claims.versionId());
        assertThat(total(rowsPath(claims.datasetId()))).isEqualTo(199);
        assertThat(api.get(base + "/versions", manager)
                        .json()
                        .valueStream()
                        .map(v ->
                                v.get("number").asInt() + ":" + v.get("current").asBoolean()))
                .containsExactly("3:false", "2:false", "1:true");

        var audit = api.get("/api/v1/workspaces/claims/audit?action=dataset.version-published", admin());
        assertThat(audit.body()).contains(claims.versionId()).contains(second).contains(third);
        var roleAudit = api.get("/api/v1/workspaces/claims/audit?action=dataset.role-changed", admin());
        assertThat(roleAudit.body()).contains(claims.datasetId());
    }

    @Test
    void aNewVersionIsUploadedToAnExistingDataset() {
        var claims = upload("Claims versions", new ClaimsFile());
        var accepted = api.post(
                BASE + "/" + claims.datasetId() + "/versions",
                manager,
                Multipart.file("february.csv", "claim_id,amount\nF1,10.5\nF2,11\n"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("datasetId").asString()).isEqualTo(claims.datasetId());
        var version = awaitProcessed(
                claims.datasetId(), accepted.json().get("versionId").asString());
        assertThat(version.get("number").asInt()).isEqualTo(2);
        assertThat(version.get("sourceName").asString()).isEqualTo("february.csv");
        assertThat(version.get("columns").get(1).get("type").asString()).isEqualTo("DECIMAL");
        var rows = api.get(rowsPath(claims.datasetId()), manager).json();
        assertThat(rows.get("total").asLong()).isEqualTo(2);
        assertThat(rows.get("rows").get(0).get(1).asDouble()).isEqualTo(10.5);
    }

    @Test
    void typedColumnsNamedAsPhiAreMaskedInTheRows() {
        var text = new StringBuilder("patient_mrn,date_of_birth,admit_date,notes\n");
        for (int i = 1; i <= 30; i++) {
            text.append(1_000_000 + i)
                    .append(",1950-01-")
                    .append(String.format("%02d", i))
                    .append(",2024-02-")
                    .append(String.format("%02d", i % 28 + 1))
                    .append(i == 3 ? ",DOB: 01/03/1950 per chart" : ",ok")
                    .append('\n');
        }
        var uploaded = upload("Admissions", text.toString().getBytes(StandardCharsets.UTF_8), "admissions.csv");

        var version = version(uploaded.datasetId(), uploaded.versionId());
        assertThat(version.get("columns")
                        .valueStream()
                        .map(c -> c.get("type").asString() + ":" + c.get("role").asString()))
                .containsExactly("INTEGER:PII", "DATE:PII", "DATE:TIME", "TEXT:SEGMENT");
        var rows = api.get(rowsPath(uploaded.datasetId()) + "?limit=100", manager);
        assertThat(rows.json().get("total").asLong()).isEqualTo(30);
        assertThat(rows.body())
                .doesNotContain("1950-01-")
                .doesNotContain("1000003")
                .contains("2024-02-04");
        assertThat(rows.json().get("rows").get(2).get(3).asString()).isEqualTo("DOB *** per chart");
        var quality = api.get(version(uploaded) + "/quality", manager).json();
        assertThat(rules(quality))
                .contains(
                        tuple("phi", "patient_mrn", "mask", 30L),
                        tuple("phi", "date_of_birth", "mask", 30L),
                        tuple("phi", "notes", "mask", 1L));
        assertThat(quality.toString()).doesNotContain("1950-01-");
    }

    // --- formats ---------------------------------------------------------------------------------------------------

    @Test
    void otherFormatsAndEncodingsBecomeTheSameRows() throws IOException {
        var csv = "id;city;amount\n1;Zürich;3,5\n2;Kraków;4\n";
        var uploads = new LinkedHashMap<String, Uploaded>();
        uploads.put(
                "utf16",
                upload(
                        "utf16",
                        concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, csv.getBytes(StandardCharsets.UTF_16LE)),
                        "cities.csv"));
        uploads.put("gzip", upload("gzip", gzip(csv.getBytes(StandardCharsets.UTF_8)), "cities.csv.gz"));
        uploads.put(
                "cp1252",
                upload("cp1252", "id;city;amount\n1;Zürich;3,5\n2;Málaga;4\n".getBytes("windows-1252"), "cities.csv"));
        uploads.put("tsv", upload("tsv", csv.replace(';', '\t').getBytes(StandardCharsets.UTF_8), "cities.tsv"));
        uploads.put(
                "jsonl",
                upload(
                        "jsonl",
                        "{\"id\":1,\"city\":\"Zürich\",\"tags\":[\"a\"]}\nnot json\n{\"id\":2,\"city\":\"Kraków\"}\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "cities.jsonl"));
        uploads.put("xlsx", upload("xlsx", workbook(), "cities.xlsx"));

        for (var entry : uploads.entrySet()) {
            var uploaded = entry.getValue();
            var version = version(uploaded.datasetId(), uploaded.versionId());
            assertThat(version.get("status").asString()).as(entry.getKey()).isEqualTo("SUCCEEDED");
            var rows = api.get(rowsPath(uploaded.datasetId()) + "?sort=id", manager)
                    .json();
            assertThat(rows.get("columns").get(1).asString()).as(entry.getKey()).isEqualTo("city");
            assertThat(rows.get("rows").get(0).get(1).asString())
                    .as(entry.getKey())
                    .isEqualTo("Zürich");
        }
        var jsonl = uploads.get("jsonl");
        var quality = api.get(version(jsonl) + "/quality", manager).json();
        assertThat(quality.get("rowsRead").asLong()).isEqualTo(3);
        assertThat(quality.get("rowsRejected").asLong()).isEqualTo(1);
        assertThat(samples(quality)).contains(tuple(2L, null, "parse", "not a JSON object"));
        var jsonRows =
                api.get(rowsPath(jsonl.datasetId()) + "?sort=id", manager).json();
        assertThat(jsonRows.get("rows").get(0).get(2).asString()).isEqualTo("[\"a\"]");
        assertThat(api.get(rowsPath(uploads.get("cp1252").datasetId()) + "?sort=id", manager)
                        .body())
                .contains("Málaga");
        var xlsxQuality =
                api.get(version(uploads.get("xlsx")) + "/quality", manager).json();
        // The sheet's row numbers, past an empty row; a row whose last cell is empty is still a whole record.
        assertThat(samples(xlsxQuality)).containsExactly(tuple(5L, "amount", "type", "lots"));
        assertThat(xlsxQuality.get("rowsRejected").asLong()).isEqualTo(1);
        assertThat(xlsxQuality.get("rowsAccepted").asLong()).isEqualTo(196);
    }

    @Test
    void aChosenSheetOfAWorkbookIsRead() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var wb = new XSSFWorkbook()) {
            var summary = wb.createSheet("Summary").createRow(0);
            summary.createCell(0).setCellValue("note");
            wb.getSheet("Summary").createRow(1).createCell(0).setCellValue("totals only");
            var orders = wb.createSheet("Orders");
            var header = orders.createRow(0);
            header.createCell(0).setCellValue("order_id");
            header.createCell(1).setCellValue("amount");
            for (int r = 1; r <= 3; r++) {
                var row = orders.createRow(r);
                row.createCell(0).setCellValue("O" + r);
                row.createCell(1).setCellValue(r * 10);
            }
            wb.write(out);
        }
        var chosen = api.post(
                BASE,
                manager,
                Multipart.file("book.xlsx", out.toByteArray())
                        .field("name", "Orders sheet")
                        .field("sheet", "Orders"));
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(202);
        var datasetId = chosen.json().get("datasetId").asString();
        var processed = awaitProcessed(datasetId, chosen.json().get("versionId").asString());
        assertThat(processed.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(processed.get("rowCount").asLong()).isEqualTo(3);
        var rows = api.get(rowsPath(datasetId) + "?sort=order_id", manager).json();
        assertThat(rows.get("columns").get(0).asString()).isEqualTo("order_id");

        var missing = api.post(
                BASE + "/" + datasetId + "/versions",
                manager,
                Multipart.file("book.xlsx", out.toByteArray()).field("sheet", "Invoices"));
        assertThat(missing.status()).as(missing.body()).isEqualTo(202);
        var failed = awaitProcessed(datasetId, missing.json().get("versionId").asString());
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString())
                .contains("no sheet named 'Invoices'")
                .contains("Orders");
    }

    // --- bad input -------------------------------------------------------------------------------------------------

    @Test
    void badFilesFailWithAClearMessageAndChangeNothing() throws IOException {
        var good = upload("Bad input target", "id,name\n1,Ann\n2,Bo\n".getBytes(StandardCharsets.UTF_8), "good.csv");
        var versions = BASE + "/" + good.datasetId() + "/versions";
        var cases = new LinkedHashMap<String, byte[]>();
        cases.put("The file is empty.", new byte[0]);
        cases.put("The file has a header but no rows.", utf8("id,name,amount\n"));
        cases.put("The column name 'Name' appears twice (columns 2 and 3)", utf8("id,name,Name\n1,a,b\n"));
        cases.put("Column 2 has no name in the header line.", utf8("id,,amount\n1,a,2\n"));
        cases.put(
                "No row of the file could be read: line 2: Value with unterminated quote found.",
                utf8("id,name\n1,\"open\n2,b\n3,c\n"));
        cases.put("header but no rows", utf8("x".repeat(1 << 20)));
        cases.put("The file has 5000 columns; at most 1000 are supported.", wide(5000));
        cases.put("This looks like a binary file, not text", binary());
        cases.put(
                "The file mixes UTF-8 with bytes that are not UTF-8",
                concat(utf8("id,name\n1,Zoë\n2,caf"), new byte[] {(byte) 0xE9, '\n'}));
        cases.put("it looks like a compression bomb", gzipBomb());
        cases.put("it looks like a zip bomb", xlsxBomb());
        cases.put("The file is not a readable Excel workbook", concat(new byte[] {'P', 'K', 3, 4}, new byte[2000]));
        cases.put("No line of the file is a JSON object with keys.", utf8("{oops\n{\"\n"));
        var names = List.of(
                "empty.csv",
                "header.csv",
                "dup.csv",
                "blank.csv",
                "quote.csv",
                "oneline.csv",
                "wide.csv",
                "photo.csv",
                "mixed.csv",
                "bomb.csv.gz",
                "bomb.xlsx",
                "broken.xlsx",
                "junk.jsonl");

        var submitted = new ArrayList<String>();
        int n = 0;
        for (var entry : cases.entrySet()) {
            var response = api.post(versions, manager, Multipart.file(names.get(n++), entry.getValue()));
            assertThat(response.status())
                    .as(entry.getKey() + ": " + response.body())
                    .isEqualTo(202);
            submitted.add(response.json().get("versionId").asString());
        }
        n = 0;
        for (var message : cases.keySet()) {
            var version = awaitProcessed(good.datasetId(), submitted.get(n));
            assertThat(version.get("status").asString()).as(names.get(n)).isEqualTo("FAILED");
            assertThat(version.get("error").asString()).as(names.get(n)).contains(message);
            assertThat(version.get("current").asBoolean()).isFalse();
            assertProblem(api.get(versions + "/" + submitted.get(n) + "/quality", manager), 409);
            n++;
        }

        var dataset = api.get(BASE + "/" + good.datasetId(), manager).json();
        assertThat(dataset.get("currentVersionId").asString()).isEqualTo(good.versionId());
        assertThat(total(rowsPath(good.datasetId()))).isEqualTo(2);
        assertProblem(api.post(versions + "/" + submitted.getFirst() + "/current", manager, ""), 409);

        // The server keeps serving: a normal upload right after works.
        var after = upload("After bad input", "id,name\n1,Ann\n".getBytes(StandardCharsets.UTF_8), "after.csv");
        assertThat(version(after.datasetId(), after.versionId()).get("status").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void raggedRowsAndALateUnclosedQuoteAreRejectedRowsNotAFailedVersion() {
        var text = "id,name,amount\n1,Ann,10\n2,Bo\n3,Cy,30,extra\n4,Di,40\n5,\"Ed,50\n6,Fay,60\n";
        var uploaded = upload("Ragged", text.getBytes(StandardCharsets.UTF_8), "ragged.csv");

        var version = version(uploaded.datasetId(), uploaded.versionId());
        assertThat(version.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(version.get("rowCount").asLong()).isEqualTo(2);
        var quality = api.get(version(uploaded) + "/quality", manager).json();
        assertThat(samples(quality))
                .containsExactly(
                        tuple(3L, null, "parse", "Expected Number of Columns: 3 Found: 2"),
                        tuple(4L, null, "parse", "Expected Number of Columns: 3 Found: 4"),
                        tuple(6L, null, "parse", "Value with unterminated quote found."));
        assertThat(quality.get("rowsRejected").asLong()).isEqualTo(3);
    }

    /**
     * Wide files with rejected rows: before the fix, writing the rejected rows ran DuckDB out of its 1 GB at 400
     * columns (the version failed with "Out of Memory") and crashed the whole JVM at 1,000.
     */
    @Test
    void fourHundredColumnsWithRejectedRowsAreProcessed() {
        var text = new StringBuilder();
        for (int c = 0; c < 400; c++) {
            text.append(c == 0 ? "" : ",").append("col").append(c);
        }
        text.append('\n');
        for (int r = 1; r <= 120; r++) {
            for (int c = 0; c < 400; c++) {
                text.append(c == 0 ? "" : ",").append(r == 7 && c == 3 ? "=x" : String.valueOf(r * c));
            }
            text.append('\n');
        }
        text.append("1,2,3\n");
        var uploaded = upload("Wide", text.toString().getBytes(StandardCharsets.UTF_8), "wide.csv");

        var version = version(uploaded.datasetId(), uploaded.versionId());
        assertThat(version.get("status").asString()).as(version.toString()).isEqualTo("SUCCEEDED");
        assertThat(version.get("rowCount").asLong()).isEqualTo(119);
        var rejected =
                Csv.parse(api.get(version(uploaded) + "/rejected", manager).body());
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(1).subList(0, 6)).containsExactly("8", "type on col3", "0", "7", "14", "'=x");
        assertThat(rejected.get(2).get(0)).isEqualTo("122");
    }

    @Test
    void aSingleLongLineWithinTheLimitIsAnOrdinaryValue() {
        var text = "id,note\n1," + "x".repeat(1 << 20) + "\n2,short\n";
        var uploaded = upload("Long line", text.getBytes(StandardCharsets.UTF_8), "long.csv");

        assertThat(version(uploaded.datasetId(), uploaded.versionId())
                        .get("rowCount")
                        .asLong())
                .isEqualTo(2);
        var rows = api.get(rowsPath(uploaded.datasetId()) + "?sort=id", manager).json();
        assertThat(rows.get("rows").get(0).get(1).asString()).hasSize(1 << 20);
    }

    @Test
    void uploadsWithoutAFileOrToUnknownDatasetsAreProblems() {
        var noFile = api.post(BASE, manager, new Multipart().field("name", "nothing"));
        assertProblem(noFile, 400);
        var unknown =
                api.post(BASE + "/" + UUID.randomUUID() + "/versions", manager, Multipart.file("a.csv", "id\n1\n"));
        assertProblem(unknown, 404);
        assertProblem(api.get(BASE + "/not-a-uuid", manager), 400);
        assertProblem(api.post(BASE, manager, Multipart.file("a.csv", "id\n1\n").field("name", "n".repeat(201))), 400);
    }

    // --- who may do what -------------------------------------------------------------------------------------------

    @Test
    void viewersReadButCannotUploadAndOtherWorkspacesSeeNothing() {
        var claims = claims();
        var viewer = api.tokenFor("viewer");
        var outsider = api.tokenFor("outsider");
        var dataset = BASE + "/" + claims.datasetId();

        assertProblem(api.post(BASE, viewer, Multipart.file("v.csv", "id\n1\n")), 403);
        assertProblem(api.post(dataset + "/versions", viewer, Multipart.file("v.csv", "id\n1\n")), 403);
        assertProblem(api.put(dataset + "/rules", viewer, "[]"), 403);
        assertThat(api.get(rowsPath(claims.datasetId()), viewer).status()).isEqualTo(200);
        assertThat(api.get(version(claims) + "/quality", viewer).status()).isEqualTo(200);

        assertProblem(api.get(dataset, outsider), 404);
        assertProblem(api.get(rowsPath(claims.datasetId()), outsider), 404);
        assertProblem(api.post(BASE, outsider, Multipart.file("o.csv", "id\n1\n")), 404);

        // The manager belongs to both workspaces; the dataset still lives in one.
        var elsewhere = "/api/v1/workspaces/insights/datasets/" + claims.datasetId();
        assertProblem(api.get(elsewhere, manager), 404);
        assertProblem(api.get(elsewhere + "/rows", manager), 404);
        assertProblem(api.get(elsewhere + "/versions/" + claims.versionId() + "/quality", manager), 404);
        assertProblem(api.get(elsewhere + "/versions/" + claims.versionId() + "/rejected", manager), 404);
        assertProblem(api.post(elsewhere + "/versions", manager, Multipart.file("x.csv", "id\n1\n")), 404);
        assertProblem(api.put(elsewhere + "/rules", manager, "[]"), 404);
        assertProblem(api.post(elsewhere + "/versions/" + claims.versionId() + "/current", manager, ""), 404);
        assertThat(api.get("/api/v1/workspaces/insights/datasets", manager).body())
                .doesNotContain(claims.datasetId());
    }

    @Test
    void theAuditTrailRecordsUploadsAndPublications() {
        var claims = claims();

        var uploaded = api.get("/api/v1/workspaces/claims/audit?action=dataset.uploaded", admin());
        assertThat(uploaded.body()).contains(claims.versionId()).contains("claims-january.csv");
        var published = api.get("/api/v1/workspaces/claims/audit?action=dataset.version-published", admin());
        assertThat(published.body()).contains(claims.versionId());
        var created = api.get("/api/v1/workspaces/claims/audit?action=dataset.created", admin());
        assertThat(created.body()).contains(claims.datasetId());
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private synchronized Uploaded claims() {
        if (shared == null) {
            shared = upload("Claims January", new ClaimsFile());
        }
        return shared;
    }

    private Uploaded upload(String name, ClaimsFile file) {
        var uploaded = upload(name, file.bytes(), "claims-january.csv");
        return new Uploaded(uploaded.datasetId(), uploaded.versionId(), uploaded.executionId(), file);
    }

    /** Uploads as a new dataset, checks the 202 contract and waits until the version is processed. */
    private Uploaded upload(String name, byte[] content, String fileName) {
        var response = api.post(
                BASE,
                manager,
                Multipart.file(fileName, content).field("name", name).field("description", "test"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        var body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("datasetId", "versionId", "executionId");
        var uploaded = new Uploaded(
                body.get("datasetId").asString(),
                body.get("versionId").asString(),
                body.get("executionId").asString(),
                null);
        awaitProcessed(uploaded.datasetId(), uploaded.versionId());
        return uploaded;
    }

    private JsonNode awaitProcessed(String datasetId, String versionId) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var status = version(datasetId, versionId).get("status").asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return version(datasetId, versionId);
    }

    private JsonNode version(String datasetId, String versionId) {
        var response = api.get(BASE + "/" + datasetId + "/versions/" + versionId, manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String version(Uploaded uploaded) {
        return BASE + "/" + uploaded.datasetId() + "/versions/" + uploaded.versionId();
    }

    private JsonNode quality(Uploaded uploaded) {
        var response = api.get(version(uploaded) + "/quality", manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String rowsPath(String datasetId) {
        return BASE + "/" + datasetId + "/rows";
    }

    private long total(String path) {
        var response = api.get(path, manager);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("total").asLong();
    }

    private static List<String> column(Api.Response response, int index) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json()
                .get("rows")
                .valueStream()
                .map(row -> row.get(index).isNull() ? null : row.get(index).asString())
                .toList();
    }

    private static long count(java.util.function.IntPredicate rowMatches) {
        return IntStream.rangeClosed(1, ClaimsFile.ROWS)
                .filter(i -> i != ClaimsFile.TYPE_VIOLATION)
                .filter(rowMatches)
                .count();
    }

    private static List<org.assertj.core.groups.Tuple> rules(JsonNode quality) {
        return quality.get("rules")
                .valueStream()
                .map(r -> tuple(
                        r.get("rule").asString(),
                        r.get("column").isNull() ? null : r.get("column").asString(),
                        r.get("action").asString(),
                        r.get("violations").asLong()))
                .toList();
    }

    private static List<org.assertj.core.groups.Tuple> samples(JsonNode quality) {
        return quality.get("samples")
                .valueStream()
                .map(s -> tuple(
                        s.get("line").asLong(),
                        s.get("column").isNull() ? null : s.get("column").asString(),
                        s.get("rule").asString(),
                        s.get("value").isNull() ? null : s.get("value").asString()))
                .toList();
    }

    private String admin() {
        return api.tokenFor("admin");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] wide(int columns) {
        var header = new StringBuilder("c0");
        var row = new StringBuilder("0");
        for (int i = 1; i < columns; i++) {
            header.append(",c").append(i);
            row.append(",").append(i);
        }
        return utf8(header + "\n" + row + "\n");
    }

    private static byte[] binary() {
        var bytes = new byte[8192];
        new java.util.Random(7).nextBytes(bytes);
        bytes[3] = 0;
        bytes[0] = 'G';
        return bytes;
    }

    /** 50 MB of zeros, about 50 KB packed. */
    private static byte[] gzipBomb() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    /** A workbook whose one sheet holds a 20 MB run of one letter: about 20 KB packed. */
    private static byte[] xlsxBomb() throws IOException {
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + "A".repeat(20 << 20) + "</t></is></c></row>"
                + "</sheetData></worksheet>";
        var plain = new ByteArrayOutputStream();
        try (var wb = new XSSFWorkbook()) {
            wb.createSheet("Data").createRow(0).createCell(0).setCellValue("a");
            wb.write(plain);
        }
        var bomb = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(plain.toByteArray()));
                var out = new java.util.zip.ZipOutputStream(bomb)) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write(utf8(sheet));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bomb.toByteArray();
    }

    /** Cities on the first sheet, with an empty trailing cell and an empty row; row 5 has a bad amount. */
    private static byte[] workbook() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("Cities");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("id");
            header.createCell(1).setCellValue("city");
            header.createCell(2).setCellValue("amount");
            var values = new Object[][] {{1, "Zürich", 3.5}, {2, "Kraków", null}, null, {3, "Oslo", "lots"}};
            for (int r = 0; r < values.length; r++) {
                if (values[r] == null) {
                    continue;
                }
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < values[r].length; c++) {
                    if (values[r][c] instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (values[r][c] != null) {
                        row.createCell(c).setCellValue(values[r][c].toString());
                    }
                }
            }
            for (int r = 6; r < 200; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue(r);
                row.createCell(1).setCellValue("Town " + r);
                row.createCell(2).setCellValue(r * 1.5);
            }
            wb.write(out);
        }
        return out.toByteArray();
    }

    /** A small RFC 4180 reader for the CSV the API sends. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            var rows = new ArrayList<List<String>>();
            var row = new ArrayList<String>();
            var field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r') {
                    continue;
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
