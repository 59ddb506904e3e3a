package dev.foresight.datasets.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Detectors of protected health and personal information, as DuckDB SQL over a text value {@code v}. All patterns
 * are constants written here (RE2 syntax), never user input, so they are inlined as literals.
 */
public enum PhiDetector {
    /** US social security numbers, without the ranges the SSA never issues (area 000, 666, 900–999; group 00; serial 0000). */
    SSN(
            "len(list_filter(regexp_extract_all(%1$s, '\\b[0-8][0-9]{2}-[0-9]{2}-[0-9]{4}\\b'), lambda s: "
                    + "substr(s, 1, 3) NOT IN ('000', '666') AND substr(s, 5, 2) <> '00' AND substr(s, 8, 4) <> '0000')) > 0",
            // The mask spells the same exclusions out (RE2 has no look-ahead), so it hides exactly what is found.
            "regexp_replace(%1$s, '\\b(00[1-9]|0[1-9][0-9]|[1-5][0-9]{2}|6[0-57-9][0-9]|66[0-57-9]|[78][0-9]{2})-"
                    + "(0[1-9]|[1-9][0-9])-(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})\\b', '***-**-****', 'g')"),
    EMAIL(
            "regexp_matches(%1$s, '[A-Za-z0-9._%%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}')",
            "regexp_replace(%1$s, '[A-Za-z0-9._%%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}', '***@***', 'g')"),
    /** North American numbers written with separators: (555) 123-4567, 555-123-4567, +1 555.123.4567. */
    PHONE(
            "regexp_matches(%1$s, '(\\+?1[ .-]?)?(\\([2-9][0-9]{2}\\)|\\b[2-9][0-9]{2})[ .-]?[0-9]{3}[ .-][0-9]{4}\\b')",
            "regexp_replace(%1$s, '(\\+?1[ .-]?)?(\\([2-9][0-9]{2}\\)|\\b[2-9][0-9]{2})[ .-]?[0-9]{3}[ .-][0-9]{4}\\b', '***-***-****', 'g')"),
    /** "MRN 1234567" in text, or any 6–10 digit code (optionally lettered) in a column named like a record number. */
    MRN(
            "(regexp_matches(%1$s, '(?i)\\bMRN[:#\\s]*[A-Z]{0,3}[0-9]{6,10}\\b') OR (%2$s AND regexp_matches(%1$s, '^\\s*[A-Za-z]{0,3}-?[0-9]{6,10}\\s*$')))",
            "CASE WHEN %2$s THEN '***' ELSE regexp_replace(%1$s, '(?i)\\bMRN[:#\\s]*[A-Z]{0,3}[0-9]{6,10}\\b', 'MRN ***', 'g') END"),
    /** Any value in a column named like a date of birth, or "DOB: 01/02/1980" in text. */
    DOB(
            "(%2$s OR regexp_matches(%1$s, '(?i)\\b(dob|date of birth|born)[:\\s]*[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}'))",
            "CASE WHEN %2$s THEN '***' ELSE regexp_replace(%1$s, '(?i)\\b(dob|date of birth|born)[:\\s]*[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}', 'DOB ***', 'g') END"),
    /** Payment card numbers of 13 to 19 digits that pass the Luhn checksum. */
    CARD(
            "len(list_filter(regexp_extract_all(%1$s, '\\b([0-9][ -]?){12,18}[0-9]\\b'), lambda c: "
                    + "length(regexp_replace(c, '[^0-9]', '', 'g')) BETWEEN 13 AND 19 "
                    + "AND fs_luhn(regexp_replace(c, '[^0-9]', '', 'g')))) > 0",
            "regexp_replace(%1$s, '\\b([0-9][ -]?){12,18}[0-9]\\b', '****-****-****-****', 'g')"),
    IP_ADDRESS(
            "regexp_matches(%1$s, '\\b((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\b')",
            "regexp_replace(%1$s, '\\b((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\b', '***.***.***.***', 'g')");

    private static final Pattern MRN_COLUMN = Pattern.compile(
            "(?i).*(mrn|medical[_ -]?record|record[_ -]?(no|num|number)|patient[_ -]?(id|no|number)).*");
    private static final Pattern DOB_COLUMN = Pattern.compile("(?i).*(dob|birth).*");

    private final String match;
    private final String mask;

    PhiDetector(String match, String mask) {
        this.match = match;
        this.mask = mask;
    }

    /**
     * A cheap test that every value holding PHI passes, so the exact checks (range exclusions, Luhn) run only on the
     * few values that might: an "@", digits joined by a separator (SSN, phone, card, IP, dates), a long run of digits,
     * or a context word. {@code TRUE} when a column's name alone marks its values.
     */
    public static String prefilterSql(List<PhiDetector> detectors, String value, String columnName) {
        if (namedByColumn(detectors, columnName)) {
            return "TRUE";
        }
        return "(contains(" + value + ", '@') OR regexp_matches(" + value + ", '" + PREFILTER + "'))";
    }

    /** The prefilter's pattern, "@" aside: what a value needs to hold before any detector can find something. */
    private static final String PREFILTER = "[0-9][ .)/-]+\\(?[0-9]|[0-9]{13}|(?i)mrn|dob|birth|born";

    /** Whether the column's name alone marks its values for one of the detectors: its prefilter is then TRUE. */
    public static boolean namedByColumn(List<PhiDetector> detectors, String columnName) {
        return detectors.stream().anyMatch(d -> d.columnNameMatches(columnName));
    }

    /**
     * The prefilter of several columns at once, true where any of them passes {@link #prefilterSql}: one regular
     * expression over the row's values joined by a control character, where one per column cost as much as the rest
     * of the checks together (the cost is per call, not per character). No match can span two values: the
     * separator is in none of the pattern's classes.
     */
    public static String rowPrefilterSql(List<String> values) {
        return "regexp_matches(concat_ws(chr(1), " + String.join(", ", values) + "), '@|" + PREFILTER + "')";
    }

    /** The detectors a PHI rule runs: the ones it names, or all. */
    public static List<PhiDetector> detectorsOf(ValidationRule rule) {
        return rule.detectors() == null || rule.detectors().isEmpty() ? List.of(values()) : rule.detectors();
    }
    /** A boolean SQL expression: the value holds this kind of information. */
    public String matchSql(String value, String columnName) {
        return String.format(match, value, contextSql(columnName));
    }

    /** The value with what this detector finds replaced by a mask. */
    public String maskSql(String value, String columnName) {
        return String.format(mask, value, contextSql(columnName));
    }

    /** Whether the column's name alone marks its values, as "mrn" or "date_of_birth" do. */
    public boolean columnNameMatches(String columnName) {
        return switch (this) {
            case MRN -> MRN_COLUMN.matcher(columnName).matches();
            case DOB -> DOB_COLUMN.matcher(columnName).matches();
            default -> false;
        };
    }

    private String contextSql(String columnName) {
        return columnNameMatches(columnName) ? "TRUE" : "FALSE";
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static PhiDetector of(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
