package dev.foresight.datasets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.QualityReport.ColumnQuality;
import dev.foresight.datasets.QualityReport.RuleResult;
import dev.foresight.datasets.rules.RuleAction;
import dev.foresight.datasets.rules.RuleType;
import dev.foresight.datasets.rules.ValidationRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on a real DuckDB, for what the HTTP tests reach only with large files: a type the first rows
 * misjudge, and typed columns whose raw text the checked table keeps only on flagged rows.
 */
class VersionProcessorTest {

    @TempDir
    Path dataDir;

    private StandaloneIngest ingest;
    private LocalVersionFiles files;
    private VersionProcessor processor;

    @BeforeEach
    void start() throws SQLException {
        ingest = StandaloneIngest.open(dataDir, 2, "1GB");
        files = ingest.files();
        processor = ingest.processor();
    }

    @AfterEach
    void stop() throws SQLException {
        ingest.close();
    }

    @Test
    void aColumnTheFirstRowsTakeForIntegersBecomesTextWhenTheWholeFileSaysSo() throws IOException {
        var csv = new StringBuilder("id,code,amount\n");
        int rows = VersionProcessor.INFERENCE_SAMPLE + 1_000;
        for (int i = 1; i <= rows; i++) {
            // Codes look like integers in the first rows; the last thousand (5 %) are letters.
            var code = i <= VersionProcessor.INFERENCE_SAMPLE ? String.valueOf(i % 97) : "X" + i;
            csv.append(i)
                    .append(',')
                    .append(code)
                    .append(',')
                    .append(i % 10 == 0 ? " 1.50" : "2.25")
                    .append('\n');
        }
        var version = process(csv.toString(), null);

        assertThat(version.outcome().columns())
                .extracting(DatasetColumn::name, DatasetColumn::type)
                .containsExactly(
                        tuple("id", ColumnType.INTEGER),
                        tuple("code", ColumnType.TEXT),
                        tuple("amount", ColumnType.DECIMAL));
        assertThat(version.outcome().rowCount()).isEqualTo(rows);
        assertThat(version.outcome().quality().rules())
                .extracting(RuleResult::rule, RuleResult::column, RuleResult::violations)
                .contains(tuple("type", "id", 0L), tuple("type", "amount", 0L))
                .doesNotContain(tuple("type", "code", 0L), tuple("type", "code", 1_000L));
        // The text column holds every value as written, the first rows' numbers included.
        assertThat(query(version, "SELECT code FROM rows WHERE id IN (97, 98, " + rows + ") ORDER BY id"))
                .containsExactly("0", "1", "X" + rows);
        assertThat(query(version, "SELECT typeof(code) || ' ' || typeof(amount) FROM rows LIMIT 1"))
                .containsExactly("VARCHAR DOUBLE");
        assertThat(query(version, "SELECT CAST(sum(amount) AS VARCHAR) FROM rows WHERE id <= 20"))
                .containsExactly(String.valueOf(18 * 2.25 + 2 * 1.5));
    }

    @Test
    void withoutTypeRulesValuesThatDoNotParseStillCountAsPresent() throws IOException {
        var csv = new StringBuilder("id,quantity\n");
        for (int i = 1; i <= 400; i++) {
            // 1 value in 400 does not parse (0.25 %): the column stays an integer one.
            csv.append(i)
                    .append(',')
                    .append(i == 200 ? "many" : i % 4 == 0 ? "" : String.valueOf(i % 7))
                    .append('\n');
        }
        var version = process(csv.toString(), List.of());

        assertThat(version.outcome().columns())
                .extracting(DatasetColumn::type)
                .containsExactly(ColumnType.INTEGER, ColumnType.INTEGER);
        assertThat(version.outcome().quality().rules()).isEmpty();
        // 301 non-empty values of 400, the one that does not parse included; seven distinct numbers.
        var columns = version.outcome().quality().columns();
        assertThat(columns)
                .extracting(ColumnQuality::name, ColumnQuality::completeness)
                .containsExactly(tuple("id", 100.0), tuple("quantity", 75.25));
        assertThat(columns.get(0).distinct()).isBetween(390L, 410L);
        assertThat(columns.get(1).distinct()).isEqualTo(7);
        assertThat(version.outcome().rowCount()).isEqualTo(400);
        assertThat(query(version, "SELECT CAST(quantity AS VARCHAR) FROM rows WHERE id IN (199, 200, 201) ORDER BY id"))
                .containsExactly("3", null, "5");
    }

    @Test
    void rejectedAndFlaggedRowsKeepTheirRawTextWhileAcceptedOnesAreTyped() throws IOException {
        var csv = new StringBuilder(
                "id,amount,note\n1,10.5,fine\n2,abc,bad amount\n3, 0007 ,padded\n4,99999,too large\n5,20,call 555-201-3344\n");
        // Enough plain rows that one value in 300 does not make the amounts text.
        for (int i = 6; i <= 300; i++) {
            csv.append(i).append(",1.25,ok\n");
        }
        var rules = List.of(
                ValidationRule.of(RuleType.TYPE, "amount", RuleAction.REJECT),
                new ValidationRule(
                        RuleType.RANGE,
                        "amount",
                        null,
                        RuleAction.WARN,
                        null,
                        0.0,
                        1000.0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new ValidationRule(
                        RuleType.REGEX,
                        "id",
                        null,
                        RuleAction.MASK,
                        null,
                        null,
                        null,
                        null,
                        "[0-46-9]|[1-9][0-9]+",
                        null,
                        null,
                        null,
                        null),
                ValidationRule.phi("note", List.of(dev.foresight.datasets.rules.PhiDetector.PHONE)));
        var version = process(csv.toString(), rules);

        var quality = version.outcome().quality();
        assertThat(quality.rowsRead()).isEqualTo(300);
        assertThat(quality.rowsRejected()).isEqualTo(1);
        assertThat(quality.rowsWarned()).isEqualTo(2);
        assertThat(quality.samples())
                .extracting(v -> v.line(), v -> v.column(), v -> v.value())
                .contains(tuple(3L, "amount", "abc"), tuple(5L, "amount", "99999"));
        // The rejected row is written as it came, every cell raw.
        assertThat(Files.readString(files.rejected(1, version.datasetId(), version.versionId())))
                .contains("3,type on amount,2,abc,bad amount");
        // Accepted rows are typed; the masked id no longer parses as an integer and is left empty.
        assertThat(
                        query(
                                version,
                                "SELECT concat_ws('|', CAST(id AS VARCHAR), CAST(amount AS VARCHAR), note) FROM rows WHERE amount <> 1.25 ORDER BY amount"))
                .containsExactly("3|7.0|padded", "1|10.5|fine", "20.0|call ***-***-****", "4|99999.0|too large");
    }

    private record Processed(UUID datasetId, UUID versionId, VersionProcessor.Outcome outcome) {}

    private Processed process(String csv, List<ValidationRule> rules) throws IOException {
        var datasetId = UUID.randomUUID();
        var versionId = UUID.randomUUID();
        try (var in = new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))) {
            files.storeSource(1, datasetId, versionId, in);
        }
        var outcome = processor.process(1, datasetId, versionId, "file.csv", null, rules, Map.of(), (p, m) -> {});
        return new Processed(datasetId, versionId, outcome);
    }

    private List<String> query(Processed version, String sql) {
        var parquet = files.parquet(1, version.datasetId(), version.versionId()).toAbsolutePath();
        return ingest.engine().withConnection(connection -> {
            var values = new ArrayList<String>();
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery(
                            sql.replace("FROM rows", "FROM read_parquet(" + Sql.literal(parquet.toString()) + ")"))) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        });
    }
}
