package dev.foresight.datasets.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.datasets.internal.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PHI detectors as DuckDB runs them: each expression is evaluated on a real in-memory DuckDB over a bound value,
 * exactly as the validation pass evaluates it over a raw column.
 */
class PhiDetectorTest {

    private static Connection duckdb;

    @BeforeAll
    static void open() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (var statement = duckdb.createStatement()) {
            statement.execute(Sql.MACROS);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    // --- SSN: the SSA never issues area 000, 666 or 900-999, group 00 or serial 0000 (SSA, "Social Security Number
    // Randomization", 2011; the same exclusions held before it) ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123-45-6789",
                "078-05-1120", // the SSA's best-known misused number, from a 1938 wallet insert
                "772-12-3456", // 7xx areas are issued since randomization
                "665-01-0001",
                "899-99-9999",
                "SSN: 219-09-9999 on file"
            })
    void socialSecurityNumbersAreFound(String value) {
        assertThat(matches(PhiDetector.SSN, value, "notes")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "000-12-3456", // area 000
                "666-12-3456", // area 666
                "900-12-3456", // areas 900-999 (used for ITINs, never SSNs)
                "999-99-9999",
                "123-00-4567", // group 00
                "123-45-0000", // serial 0000
                "123456789", // no dashes: a plain number, not detected by shape
                "1123-45-6789", // part of a longer number
                "2024-01-15",
                "claim 12-345-6789"
            })
    void numbersTheSsaNeverIssuesAreNotSocialSecurityNumbers(String value) {
        assertThat(matches(PhiDetector.SSN, value, "notes")).isFalse();
    }

    @Test
    void theSsnMaskReplacesWhatTheDetectorFindsAndNothingElse() {
        assertThat(mask(PhiDetector.SSN, "SSN 123-45-6789 on file", "notes")).isEqualTo("SSN ***-**-**** on file");
        assertThat(mask(PhiDetector.SSN, "old 123-45-6789, ref 900-12-3456 and 123-00-4567", "notes"))
                .isEqualTo("old ***-**-****, ref 900-12-3456 and 123-00-4567");
        assertThat(mask(PhiDetector.SSN, "078-05-1120 / 666-05-1120", "notes")).isEqualTo("***-**-**** / 666-05-1120");
    }

    // --- e-mail ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ann.lee+claims@example.org", "write to bo_99@mail.example.co.uk today", "X@Y.IO"})
    void emailAddressesAreFound(String value) {
        assertThat(matches(PhiDetector.EMAIL, value, "contact")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann at example.org", "user@localhost", "@example.org", "price: 5@3.00"})
    void textThatIsNotAnEmailAddressIsNot(String value) {
        assertThat(matches(PhiDetector.EMAIL, value, "contact")).isFalse();
    }

    @Test
    void theEmailMaskReplacesTheAddress() {
        assertThat(mask(PhiDetector.EMAIL, "write to ann.lee@example.org today", "notes"))
                .isEqualTo("write to ***@*** today");
    }

    // --- phone -----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "555-123-4567",
                "(555) 123-4567",
                "+1 555.123.4567",
                "1-800-555-0199",
                "call 212 555 0199 after 5"
            })
    void northAmericanPhoneNumbersAreFound(String value) {
        assertThat(matches(PhiDetector.PHONE, value, "notes")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-01-15", // a date
                "2024-01-15 10:30:00",
                "1234567890", // an NPI: ten digits without separators
                "5551234567", // digits only: not detected by shape
                "123-456-7890", // NANP area codes never start with 0 or 1
                "12.50",
                "INV-2024-000123"
            })
    void datesNpisAndOtherNumbersAreNotPhoneNumbers(String value) {
        assertThat(matches(PhiDetector.PHONE, value, "notes")).isFalse();
    }

    @Test
    void thePhoneMaskReplacesTheNumber() {
        assertThat(mask(PhiDetector.PHONE, "call (555) 123-4567 now", "notes")).isEqualTo("call ***-***-**** now");
    }

    // --- medical record numbers ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"mrn", "MRN", "medical_record_number", "patient_id", "Patient No", "record_no"})
    void aRecordNumberColumnMarksItsCodes(String column) {
        assertThat(PhiDetector.MRN.columnNameMatches(column)).isTrue();
        assertThat(matches(PhiDetector.MRN, "1234567", column)).isTrue();
        assertThat(matches(PhiDetector.MRN, "AB-00123456", column)).isTrue();
        assertThat(matches(PhiDetector.MRN, "12345", column))
                .as("too short for a record number")
                .isFalse();
        assertThat(mask(PhiDetector.MRN, "1234567", column)).isEqualTo("***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount", "claim_id", "npi", "zip", "member_count"})
    void plainNumbersElsewhereAreNotRecordNumbers(String column) {
        assertThat(PhiDetector.MRN.columnNameMatches(column)).isFalse();
        assertThat(matches(PhiDetector.MRN, "1234567", column)).isFalse();
        assertThat(mask(PhiDetector.MRN, "1234567", column)).isEqualTo("1234567");
    }

    @Test
    void aRecordNumberNamedInTextIsFoundAnywhere() {
        assertThat(matches(PhiDetector.MRN, "seen today, MRN: 00123456, stable", "notes"))
                .isTrue();
        assertThat(matches(PhiDetector.MRN, "mrn#AB1234567", "notes")).isTrue();
        assertThat(mask(PhiDetector.MRN, "seen today, MRN: 00123456, stable", "notes"))
                .isEqualTo("seen today, MRN ***, stable");
        assertThat(matches(PhiDetector.MRN, "room 00123456", "notes")).isFalse();
    }

    // --- dates of birth --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dob", "DOB", "date_of_birth", "birth_date", "BirthDate", "member_dob"})
    void everyValueOfABirthDateColumnIsADateOfBirth(String column) {
        assertThat(matches(PhiDetector.DOB, "1980-02-01", column)).isTrue();
        assertThat(matches(PhiDetector.DOB, "02/01/1980", column)).isTrue();
        assertThat(mask(PhiDetector.DOB, "1980-02-01", column)).isEqualTo("***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admit_date", "service_date", "date", "doc_date"})
    void otherDatesAreNotDatesOfBirth(String column) {
        assertThat(matches(PhiDetector.DOB, "1980-02-01", column)).isFalse();
        assertThat(mask(PhiDetector.DOB, "1980-02-01", column)).isEqualTo("1980-02-01");
    }

    @Test
    void aDateOfBirthWrittenInTextIsFound() {
        assertThat(matches(PhiDetector.DOB, "pt DOB: 01/02/1980, allergic", "notes"))
                .isTrue();
        assertThat(matches(PhiDetector.DOB, "born 1980-02-01", "notes")).isTrue();
        assertThat(mask(PhiDetector.DOB, "pt DOB: 01/02/1980, allergic", "notes"))
                .isEqualTo("pt DOB ***, allergic");
        assertThat(matches(PhiDetector.DOB, "seen 01/02/2024", "notes")).isFalse();
    }

    // --- payment cards: the networks' published test numbers pass Luhn; one changed digit does not --------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111", // Visa test number
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "5555555555554444", // Mastercard test number
                "378282246310005", // American Express test number (15 digits)
                "6011111111111117", // Discover test number
                "4012888888881881", // Visa test number
                "paid with 5105 1051 0510 5100 yesterday" // Mastercard test number
            })
    void cardNumbersThatPassTheLuhnCheckAreFound(String value) {
        assertThat(matches(PhiDetector.CARD, value, "notes")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111112", // last digit changed: Luhn fails
                "5555555555554445",
                "1234567812345678",
                "378282246310006",
                "411111111111", // 12 digits: too short for a card
                "555-123-4567",
                "20240115"
            })
    void numbersThatFailLuhnOrLengthAreNotCards(String value) {
        assertThat(matches(PhiDetector.CARD, value, "notes")).isFalse();
    }

    @Test
    void theLuhnMacroChecksTheDigits() {
        assertThat(scalar("SELECT fs_luhn('79927398713')")).isEqualTo("true"); // the classic worked example
        assertThat(scalar("SELECT fs_luhn('79927398710')")).isEqualTo("false");
        assertThat(scalar("SELECT fs_luhn('0')")).isEqualTo("true");
    }

    @Test
    void theCardMaskReplacesTheNumber() {
        assertThat(mask(PhiDetector.CARD, "card 4111 1111 1111 1111 exp 12/29", "notes"))
                .isEqualTo("card ****-****-****-**** exp 12/29");
    }

    // --- IP addresses ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.10", "from 10.0.0.1:8080", "255.255.255.255", "0.0.0.0"})
    void ipAddressesAreFound(String value) {
        assertThat(matches(PhiDetector.IP_ADDRESS, value, "notes")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "12.50", "2024.01.15", "999.999.999.999"})
    void textThatIsNotAnIpAddressIsNot(String value) {
        assertThat(matches(PhiDetector.IP_ADDRESS, value, "notes")).isFalse();
    }

    @Test
    void theIpMaskReplacesTheAddress() {
        assertThat(mask(PhiDetector.IP_ADDRESS, "login from 192.168.1.10 failed", "notes"))
                .isEqualTo("login from ***.***.***.*** failed");
    }

    // --- all detectors ---------------------------------------------------------------------------------------------

    @Test
    void textWithoutPhiIsLeftAloneByEveryMask() {
        var text = "Claim 42 paid in full on 2024-01-15 for 125.50; follow-up in 3 weeks.";
        for (var detector : PhiDetector.values()) {
            assertThat(matches(detector, text, "notes")).as(detector.name()).isFalse();
            assertThat(mask(detector, text, "notes")).as(detector.name()).isEqualTo(text);
        }
    }

    @Test
    void anEmptyValueHoldsNoPhi() {
        for (var detector : PhiDetector.values()) {
            assertThat(matches(detector, null, "notes")).as(detector.name()).isNotEqualTo(Boolean.TRUE);
            assertThat(matches(detector, "", "notes")).as(detector.name()).isFalse();
        }
    }

    @Test
    void theMaskMacroAppliesEveryMask() {
        assertThat(scalar("SELECT fs_mask_phi('SSN 123-45-6789, ann@example.org, 4111 1111 1111 1111, 10.0.0.1')"))
                .isEqualTo("SSN ***-**-****, ***@***, ****-****-****-****, ***.***.***.***");
        assertThat(scalar("SELECT fs_mask_phi('nothing to hide, 2024-01-15')"))
                .isEqualTo("nothing to hide, 2024-01-15");
        assertThat(scalar("SELECT fs_mask_phi(NULL)")).isNull();
    }

    @Test
    void detectorsReadAndWriteTheirJsonNames() {
        assertThat(PhiDetector.IP_ADDRESS.json()).isEqualTo("ip-address");
        assertThat(PhiDetector.of(" ip-address ")).isEqualTo(PhiDetector.IP_ADDRESS);
        assertThat(PhiDetector.of("SSN")).isEqualTo(PhiDetector.SSN);
    }

    // --- the prefilter of a whole row --------------------------------------------------------------------------------

    @Test
    void theRowPrefilterPassesExactlyTheRowsOneOfWhoseValuesPassesTheColumnPrefilter() throws SQLException {
        // A missing value passes neither (CASE reads NULL as false). Values on either side of every alternative, and
        // pairs whose join could look like a match if the separator
        // let one span two values: "12" + "3-45", twelve digits and one, "m" + "rn", "do" + "b".
        var values = new String[] {
            "",
            "C10000000",
            "BlueCross",
            "PAID",
            "a@b",
            "123-45-6789",
            "555 201 7528",
            "1234567890123",
            "MRN 1234567",
            "dob 1990-01-02",
            "born",
            "12",
            "3-45",
            "123456789012",
            "3",
            "m",
            "rn",
            "do",
            "b",
            "10.0.0.1",
            "x)1"
        };
        var all = PhiDetector.values();
        var column = PhiDetector.prefilterSql(List.of(all), "a", "notes") + " OR "
                + PhiDetector.prefilterSql(List.of(all), "b", "notes");
        var row = PhiDetector.rowPrefilterSql(List.of("a", "b"));
        int pairs = 0;
        try (var statement = duckdb.prepareStatement("SELECT coalesce(" + column + ", FALSE) = (" + row
                + ") FROM (SELECT CAST(? AS" + " VARCHAR) AS a, CAST(? AS VARCHAR) AS b)")) {
            for (var a : values) {
                for (var b : values) {
                    statement.setString(1, a.isEmpty() ? null : a);
                    statement.setString(2, b);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).as("'%s' and '%s'", a, b).isTrue();
                    }
                    pairs++;
                }
            }
        }
        assertThat(pairs).isEqualTo(values.length * values.length);
        assertThat(evaluate(PhiDetector.rowPrefilterSql(List.of("c0", "c0")), "12"))
                .isEqualTo("false");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static @Nullable Boolean matches(PhiDetector detector, @Nullable String value, String column) {
        var result = evaluate(detector.matchSql("c0", column), value);
        return result == null ? null : Boolean.valueOf(result);
    }

    private static @Nullable String mask(PhiDetector detector, String value, String column) {
        return evaluate(detector.maskSql("c0", column), value);
    }

    /** Evaluates an expression over {@code c0}, bound to the value, as the validation pass does over a raw column. */
    private static @Nullable String evaluate(String expression, @Nullable String value) {
        try (var statement = duckdb.prepareStatement(
                "SELECT CAST(" + expression + " AS VARCHAR) FROM (SELECT CAST(? AS VARCHAR) AS c0)")) {
            statement.setString(1, value);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(expression, e);
        }
    }

    private static String scalar(String sql) {
        try (var statement = duckdb.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }
}
