package dev.foresight.datasets;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A generated claims CSV with the troubles real exports have, and where each of them is: the file line of every row
 * is recorded as the file is written, so tests compare reported lines with the truth rather than with a formula.
 *
 * <p>200 rows of 7 columns. Row 60 has a billed amount of "n/a" (a type violation; 199 of 200 values still parse,
 * so the column stays a decimal under the 99% rule) and a formula with an SSN in its note. Rows 10 and 20 hold an
 * SSN and a phone number in their notes. Row 40's note spans two lines, a blank line follows row 70, and two ragged
 * records (3 and 9 fields) follow rows 80 and 90. For rules set later: row 150 repeats row 1's claim id, rows 7 and
 * 77 are paid more than billed, rows 13 and 113 have the status VOID.
 */
final class ClaimsFile {

    static final String HEADER = "claim_id,member_id,service_date,billed_amount,paid_amount,status,notes";
    static final int ROWS = 200;
    static final Set<Integer> OVERPAID = Set.of(7, 77);
    static final Set<Integer> VOID = Set.of(13, 113);
    static final int DUPLICATE = 150;
    static final int TYPE_VIOLATION = 60;

    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, Integer> lines = new HashMap<>();
    private int line;
    int shortRecordLine;
    int longRecordLine;

    ClaimsFile() {
        append(HEADER);
        for (int i = 1; i <= ROWS; i++) {
            lines.put(i, line + 1);
            append(String.join(
                    ",",
                    claimId(i),
                    "M" + (i % 40),
                    LocalDate.of(2024, 1, 1).plusDays(i % 28).toString(),
                    billed(i),
                    paid(i),
                    status(i),
                    csvNote(i)));
            if (i == 70) {
                append("");
            }
            if (i == 80) {
                shortRecordLine = line + 1;
                append("C9001,M1,2024-01-05");
            }
            if (i == 90) {
                longRecordLine = line + 1;
                append("C9002,M2,2024-01-06,10.50,10.50,PAID,SSN 456-78-9012,extra,more");
            }
        }
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The file line on which row {@code i} starts. */
    int lineOf(int i) {
        return lines.get(i);
    }

    static String claimId(int i) {
        return i == DUPLICATE ? "C1001" : "C" + (1000 + i);
    }

    static String billed(int i) {
        return i == TYPE_VIOLATION ? "n/a" : (100 + i) + ".50";
    }

    static double billedAmount(int i) {
        return 100 + i + 0.5;
    }

    static String paid(int i) {
        if (OVERPAID.contains(i)) {
            return (105 + i) + ".50";
        }
        return i % 3 == 0 ? (90 + i) + ".50" : billed(i);
    }

    static String status(int i) {
        return VOID.contains(i) ? "VOID" : i % 5 == 0 ? "DENIED" : "PAID";
    }

    /** The note as stored. */
    static String note(int i) {
        return switch (i) {
            case 10 -> "SSN 123-45-6789 confirmed";
            case 20 -> "call 555-123-4567";
            case 30 -> "ref 900-12-3456";
            case 40 -> "first line\nsecond line";
            case 50 -> "=HYPERLINK(\"http://evil.example\")";
            case 60 -> "=SUM(1) SSN 234-56-7890";
            case 100 -> "-5 adjustment";
            default -> i % 4 == 0 ? "" : "n" + i;
        };
    }

    private static String csvNote(int i) {
        var note = note(i);
        return note.contains("\"") || note.contains("\n") || note.contains(",")
                ? "\"" + note.replace("\"", "\"\"") + "\""
                : note;
    }

    private void append(String record) {
        text.append(record).append('\n');
        line += 1 + (int) record.chars().filter(c -> c == '\n').count();
    }
}
