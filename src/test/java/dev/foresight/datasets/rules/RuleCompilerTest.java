package dev.foresight.datasets.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.datasets.ColumnRole;
import dev.foresight.datasets.ColumnType;
import dev.foresight.datasets.DatasetColumn;
import dev.foresight.datasets.internal.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule type compiled and run on a real in-memory DuckDB, over a table laid out as the validation pass lays it
 * out: a row number {@code __row} and raw text columns {@code c0, c1, …}. A rule's violations are the rows its SQL
 * flags.
 */
class RuleCompilerTest {

    private Connection duckdb;

    @BeforeEach
    void open() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (var statement = duckdb.createStatement()) {
            statement.execute(Sql.MACROS);
        }
    }

    @AfterEach
    void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void requiredFlagsEmptyBlankAndMissingValues() {
        var table = table(List.of(text("name")), row("Ann"), row(""), row("   "), row((String) null), row(" x "));

        assertThat(violations(table, rule(RuleType.REQUIRED, "name"))).containsExactly(2, 3, 4);
    }

    @Test
    void typeFlagsValuesThatDoNotParseAndIgnoresEmptyOnes() {
        var table = table(
                List.of(
                        column("count", ColumnType.INTEGER),
                        column("day", ColumnType.DATE),
                        column("flag", ColumnType.BOOLEAN),
                        column("price", ColumnType.DECIMAL),
                        column("at", ColumnType.TIMESTAMP)),
                row("12", "2024-01-15", "yes", "1.5", "2024-01-15 10:30:00"),
                row(" 7 ", "01/15/2024", "F", "-3", "2024-01-15T10:30:00"),
                row("1.5", "2024-13-01", "maybe", "abc", "yesterday"),
                row("", "", "", "", ""),
                row("abc", "15/01/2024", "TRUE", "1e3", "2024-02-30 10:00:00"),
                row("0x1F", "2024-01-15", "n", "inf", "2024-01-15"),
                row("1_000", "2024-01-15", "no", ".5", "2024-01-15"),
                row("-42", "2024-01-15", "n", "NaN", "2024-01-15"),
                row("8", "infinity", "y", "2", "epoch"));

        // DuckDB alone would read "1.5" as the integer 2, "0x1F" as 31 and "1_000" as 1000: none is an integer here.
        assertThat(violations(table, rule(RuleType.TYPE, "count"))).containsExactly(3, 5, 6, 7);
        // DuckDB's words for dates ("infinity", "epoch") are no dates here.
        assertThat(violations(table, rule(RuleType.TYPE, "day"))).containsExactly(3, 5, 9);
        assertThat(violations(table, rule(RuleType.TYPE, "flag"))).containsExactly(3);
        assertThat(violations(table, rule(RuleType.TYPE, "price"))).containsExactly(3, 6, 8);
        assertThat(violations(table, rule(RuleType.TYPE, "at"))).containsExactly(3, 5, 9);
        assertThat(parsed(TypeParsing.parseSql(ColumnType.DECIMAL, "'12.75'"))).isEqualTo("12.75");
        assertThat(parsed(TypeParsing.parseSql(ColumnType.INTEGER, "' +7 '"))).isEqualTo("7");
        assertThat(parsed(TypeParsing.parseSql(ColumnType.INTEGER, "'20.0'")))
                .as("integral")
                .isEqualTo("20");
        assertThat(parsed(TypeParsing.parseSql(ColumnType.INTEGER, "'20.5'")))
                .as("never rounded")
                .isNull();
    }

    @Test
    void dateFormatChecksTheGivenFormat() {
        var table = table(List.of(text("day")), row("15.01.2024"), row("2024-01-15"), row(""), row("31.02.2024"));
        var rule = new ValidationRule(
                RuleType.DATE_FORMAT,
                "day",
                null,
                RuleAction.REJECT,
                "%d.%m.%Y",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        assertThat(violations(table, rule)).containsExactly(2, 4);
    }

    @Test
    void rangeFlagsNumbersOutsideTheBoundsAndValuesThatAreNoNumbers() {
        var table = table(
                List.of(column("score", ColumnType.DECIMAL)),
                row("0"),
                row("100"),
                row("-1"),
                row("100.5"),
                row("abc"),
                row(""),
                row(" 50 "));

        assertThat(violations(table, range("score", 0.0, 100.0))).containsExactly(3, 4, 5);
        assertThat(violations(table, range("score", null, 99.0))).containsExactly(2, 4, 5);
        assertThat(violations(table, range("score", 1.0, null))).containsExactly(1, 3, 5);
    }

    @Test
    void allowedValuesCompareTrimmedValuesExactly() {
        var table = table(List.of(text("status")), row("PAID"), row(" DENIED "), row("paid"), row(""), row("VOID"));

        assertThat(violations(table, allowed("status", "PAID", "DENIED"))).containsExactly(3, 5);
    }

    @Test
    void regexMustMatchTheWholeValue() {
        var table =
                table(List.of(text("code")), row("AB-1234"), row("AB-12345"), row("ab-1234"), row(""), row("xAB-1234"));

        assertThat(violations(table, regex("code", "[A-Z]{2}-[0-9]{4}"))).containsExactly(2, 3, 5);
    }

    @Test
    void maxLengthCountsCharactersNotBytes() {
        var table = table(List.of(text("code")), row("abcde"), row("abcdef"), row("ÅÄÖÜß"), row(""));
        var rule = new ValidationRule(
                RuleType.MAX_LENGTH, "code", null, RuleAction.WARN, null, null, null, null, null, 5, null, null, null);

        assertThat(violations(table, rule)).containsExactly(2);
    }

    @Test
    void uniqueFlagsEveryRepeatAfterTheFirstAndIgnoresEmptyKeys() {
        var table = table(List.of(text("claim_id")), row("C1"), row("C2"), row("C1"), row(""), row(""), row("C1"));

        assertThat(violations(table, unique("claim_id"))).containsExactly(3, 6);
    }

    @Test
    void uniqueOverTwoColumnsFlagsRepeatedPairsOnly() {
        var table = table(
                List.of(text("member_id"), text("service_date")),
                row("M1", "2024-01-01"),
                row("M1", "2024-01-02"),
                row("M2", "2024-01-01"),
                row("M1", "2024-01-01"),
                row("M1", ""),
                row("M1", ""),
                row("", ""),
                row("", ""));

        assertThat(violations(table, unique("member_id", "service_date"))).containsExactly(4, 6);
    }

    @Test
    void compareComparesNumbersAsNumbers() {
        var table = table(
                List.of(column("paid_amount", ColumnType.DECIMAL), column("billed_amount", ColumnType.DECIMAL)),
                row("9", "10"), // as text "9" > "10"; as numbers it is fine
                row("10", "10"),
                row("10.01", "10"),
                row("", "10"),
                row("abc", "10"),
                row("120", "100"));

        assertThat(violations(table, compare("paid_amount", "<=", "billed_amount")))
                .containsExactly(3, 6);
    }

    @Test
    void compareComparesDatesAsDates() {
        var table = table(
                List.of(column("admit_date", ColumnType.DATE), column("discharge_date", ColumnType.DATE)),
                row("2024-01-10", "2024-01-12"),
                row("01/20/2024", "2024-01-19"),
                row("2024-01-10", "2024-01-10"),
                row("2024-01-10", ""));

        assertThat(violations(table, compare("discharge_date", ">=", "admit_date")))
                .containsExactly(2);
        assertThat(violations(table, compare("discharge_date", "!=", "admit_date")))
                .containsExactly(3);
    }

    @Test
    void phiFlagsTheChosenDetectorsAndMasksWhatTheyFind() throws SQLException {
        var table = table(
                List.of(text("notes")),
                row("SSN 123-45-6789"),
                row("ref 900-12-3456"),
                row("mail ann@example.org"),
                row("nothing here"),
                row(""));

        var all = new ValidationRule(
                RuleType.PHI, "notes", null, RuleAction.MASK, null, null, null, null, null, null, null, null, null);
        assertThat(violations(table, all)).containsExactly(1, 3);
        var ssnOnly = ValidationRule.phi("notes", List.of(PhiDetector.SSN));
        assertThat(violations(table, ssnOnly)).containsExactly(1);

        var compiled = compiler(table).compile(all);
        assertThat(compiled.isPhi()).isTrue();
        assertThat(compiled.maskSql()).isNotNull();
        assertThat(column(table, compiled.maskSql()))
                .containsExactly("SSN ***-**-****", "ref 900-12-3456", "mail ***@***", "nothing here", "");
    }

    @Test
    void aMaskRuleOfAnotherTypeHidesTheWholeValue() {
        var table = table(List.of(text("code")), row("ok"));
        var rule = new ValidationRule(
                RuleType.REGEX, "code", null, RuleAction.MASK, null, null, null, null, "x", null, null, null, null);

        assertThat(compiler(table).compile(rule).maskSql()).isEqualTo("'***'");
        assertThat(compiler(table).compile(regex("code", "x")).maskSql())
                .as("only mask rules mask")
                .isNull();
    }

    // --- hostile names and values ----------------------------------------------------------------------------------

    @Test
    void hostileColumnNamesNeverReachTheSql() throws SQLException {
        var hostile = "x\"; DROP TABLE t; --";
        var table = table(List.of(text("id"), text(hostile)), row("1", "a"), row("2", ""), row("3", "' OR 1=1 --"));

        for (var rule : List.of(
                rule(RuleType.REQUIRED, hostile),
                regex(hostile, "[a-z]"),
                allowed(hostile, "a"),
                unique("id", hostile),
                compare(hostile, "=", "id"),
                ValidationRule.phi(hostile, List.of(PhiDetector.values())))) {
            var compiled = compiler(table).compile(rule);
            assertThat(compiled.violationSql())
                    .as(rule.type().json())
                    .doesNotContain("DROP")
                    .doesNotContain("\"");
            assertThat(compiled.column()).contains(hostile);
        }
        assertThat(violations(table, rule(RuleType.REQUIRED, hostile))).containsExactly(2);
        assertThat(violations(table, regex(hostile, "[a-z]"))).containsExactly(3);
        assertThat(count("SELECT count(*) FROM t"))
                .as("the table is still there")
                .isEqualTo(3);
    }

    @Test
    void hostileValuesAreBoundParametersAndMatchOnlyAsData() throws SQLException {
        var table = table(List.of(text("status")), row("' OR 1=1 --"), row("PAID"), row("x'); DROP TABLE t; --"));

        var allowInjection = allowed("status", "' OR 1=1 --");
        var compiled = compiler(table).compile(allowInjection);
        assertThat(compiled.violationSql()).doesNotContain("OR 1=1");
        assertThat(compiled.parameters()).containsExactly("' OR 1=1 --");
        assertThat(violations(table, allowInjection)).containsExactly(2, 3);

        var patternInjection = regex("status", "x' OR '1'='1");
        assertThat(compiler(table).compile(patternInjection).violationSql()).doesNotContain("OR '1'");
        assertThat(violations(table, patternInjection)).containsExactly(1, 2, 3);

        var formatInjection = new ValidationRule(
                RuleType.DATE_FORMAT,
                "status",
                null,
                RuleAction.REJECT,
                "%Y'); DROP TABLE t; --",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(compiler(table).compile(formatInjection).violationSql()).doesNotContain("DROP");
        assertThat(violations(table, formatInjection)).containsExactly(1, 2, 3);
        assertThat(count("SELECT count(*) FROM t")).isEqualTo(3);
    }

    // --- what cannot be compiled -----------------------------------------------------------------------------------

    @Test
    void rulesThatCannotRunAreProblemsInWords() {
        var compiler = new RuleCompiler(List.of(text("a"), text("b")));

        var problems = compiler.problems(List.of(
                rule(RuleType.REQUIRED, "nope"),
                range("a", null, null),
                allowed("a"),
                regex("a", ""),
                compare("a", "; DROP TABLE t", "b"),
                compare("a", "<", "nope"),
                unique("a", "nope"),
                rule(RuleType.REQUIRED, "a")));

        assertThat(problems)
                .containsExactly(
                        "Rule 1 (required): there is no column 'nope'",
                        "Rule 2 (range): needs a min, a max or both",
                        "Rule 3 (allowed-values): needs 1 to 1000 values",
                        "Rule 4 (regex): needs a pattern",
                        "Rule 5 (compare): operator must be one of [<, <=, >, >=, =, !=]",
                        "Rule 6 (compare): there is no column 'nope'",
                        "Rule 7 (unique): there is no column 'nope'");
    }

    @Test
    void theDefaultsCheckTypesAndMaskPhi() {
        var columns = List.of(
                column("claim_id", ColumnType.TEXT),
                column("amount", ColumnType.DECIMAL),
                column("date_of_birth", ColumnType.DATE),
                column("mrn", ColumnType.INTEGER),
                column("service_date", ColumnType.DATE));

        var defaults = RuleCompiler.defaults(columns);

        assertThat(defaults)
                .extracting(ValidationRule::type, ValidationRule::column, ValidationRule::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RuleType.PHI, "claim_id", RuleAction.MASK),
                        org.assertj.core.groups.Tuple.tuple(RuleType.TYPE, "amount", RuleAction.REJECT),
                        org.assertj.core.groups.Tuple.tuple(RuleType.TYPE, "date_of_birth", RuleAction.REJECT),
                        org.assertj.core.groups.Tuple.tuple(RuleType.PHI, "date_of_birth", RuleAction.MASK),
                        org.assertj.core.groups.Tuple.tuple(RuleType.TYPE, "mrn", RuleAction.REJECT),
                        org.assertj.core.groups.Tuple.tuple(RuleType.PHI, "mrn", RuleAction.MASK),
                        org.assertj.core.groups.Tuple.tuple(RuleType.TYPE, "service_date", RuleAction.REJECT));
        assertThat(defaults.get(3).detectors()).containsExactly(PhiDetector.DOB);
        assertThat(defaults.get(5).detectors()).containsExactly(PhiDetector.MRN);
        assertThat(new RuleCompiler(columns).problems(defaults)).isEmpty();
    }

    @Test
    void aRuleTypeWithoutItsSettingsIsRefusedAtCompileTime() {
        var compiler = new RuleCompiler(List.of(text("a")));

        assertThatThrownBy(() -> compiler.compile(rule(RuleType.DATE_FORMAT, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a format");
        assertThatThrownBy(() -> compiler.compile(rule(RuleType.MAX_LENGTH, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLength");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private record Table(List<DatasetColumn> columns) {}

    private static DatasetColumn column(String name, ColumnType type) {
        return new DatasetColumn(name, type, ColumnRole.ATTRIBUTE, 1.0);
    }

    private static DatasetColumn text(String name) {
        return column(name, ColumnType.TEXT);
    }

    private static List<@Nullable String> row(@Nullable String... values) {
        return Arrays.asList(values);
    }

    /** Creates table {@code t (__row, c0, c1, …)}, all raw text, with the rows in order. */
    @SafeVarargs
    private Table table(List<DatasetColumn> columns, List<@Nullable String>... rows) {
        var definition = new ArrayList<String>();
        definition.add("__row BIGINT");
        for (int i = 0; i < columns.size(); i++) {
            definition.add(RuleCompiler.raw(i) + " VARCHAR");
        }
        try (var statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE t (" + String.join(", ", definition) + ")");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        var marks = "?, ".repeat(columns.size()) + "?";
        try (var insert = duckdb.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
            for (int r = 0; r < rows.length; r++) {
                insert.setLong(1, r + 1);
                for (int i = 0; i < columns.size(); i++) {
                    insert.setString(i + 2, rows[r].get(i));
                }
                insert.execute();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return new Table(columns);
    }

    private static RuleCompiler compiler(Table table) {
        return new RuleCompiler(table.columns());
    }

    /** The rows whose violation flag is true, in order. */
    private List<Integer> violations(Table table, ValidationRule rule) {
        var compiled = compiler(table).compile(rule);
        var sql =
                "SELECT __row FROM (SELECT __row, " + compiled.violationSql() + " AS v FROM t) WHERE v ORDER BY __row";
        var rows = new ArrayList<Integer>();
        try (var statement = duckdb.prepareStatement(sql)) {
            for (int i = 0; i < compiled.parameters().size(); i++) {
                statement.setObject(i + 1, compiled.parameters().get(i));
            }
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
        return rows;
    }

    private List<@Nullable String> column(Table table, String expression) throws SQLException {
        var values = new ArrayList<@Nullable String>();
        try (var statement = duckdb.createStatement();
                var rs = statement.executeQuery("SELECT " + expression + " FROM t ORDER BY __row")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private @Nullable String parsed(String expression) {
        try (var statement = duckdb.createStatement();
                var rs = statement.executeQuery("SELECT CAST(" + expression + " AS VARCHAR)")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(expression, e);
        }
    }

    private long count(String sql) throws SQLException {
        try (var statement = duckdb.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ValidationRule rule(RuleType type, String column) {
        return ValidationRule.of(type, column, RuleAction.REJECT);
    }

    private static ValidationRule range(String column, @Nullable Double min, @Nullable Double max) {
        return new ValidationRule(
                RuleType.RANGE, column, null, RuleAction.REJECT, null, min, max, null, null, null, null, null, null);
    }

    private static ValidationRule allowed(String column, String... values) {
        return new ValidationRule(
                RuleType.ALLOWED_VALUES,
                column,
                null,
                RuleAction.REJECT,
                null,
                null,
                null,
                List.of(values),
                null,
                null,
                null,
                null,
                null);
    }

    private static ValidationRule regex(String column, String pattern) {
        return new ValidationRule(
                RuleType.REGEX, column, null, RuleAction.WARN, null, null, null, null, pattern, null, null, null, null);
    }

    private static ValidationRule unique(String... columns) {
        return new ValidationRule(
                RuleType.UNIQUE,
                null,
                List.of(columns),
                RuleAction.REJECT,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static ValidationRule compare(String column, String operator, String other) {
        return new ValidationRule(
                RuleType.COMPARE,
                column,
                null,
                RuleAction.REJECT,
                null,
                null,
                null,
                null,
                null,
                null,
                operator,
                other,
                null);
    }
}
