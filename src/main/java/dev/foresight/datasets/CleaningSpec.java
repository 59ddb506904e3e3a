package dev.foresight.datasets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a cleaning does, in this order: trim and normalise whitespace, change case, standardise dates to ISO, fill or
 * drop missing values, remove duplicates.
 *
 * @param trim text columns to trim, with runs of whitespace made one space; empty for none
 * @param cases columns to put in upper or lower case
 * @param standardizeDates text columns holding dates in mixed formats, rewritten as YYYY-MM-DD
 * @param fills how to fill each column's missing values: mean, median, mode, constant (with value), previous, or drop
 *     (the row); means, medians and modes are those of the rows that stay
 * @param deduplicate remove duplicates: exact (all columns) when its key is empty, else on the key columns
 */
public record CleaningSpec(
        @Nullable List<String> trim,
        @Nullable List<CaseChange> cases,
        @Nullable List<String> standardizeDates,
        @Nullable List<Fill> fills,
        @Nullable Deduplicate deduplicate) {

    public record CaseChange(String column, String to) {}

    public record Fill(String column, String strategy, @Nullable String value) {}

    /** @param keep "first" or "last", by file order */
    public record Deduplicate(@Nullable List<String> key, @Nullable String keep) {}

    public List<String> trimOrEmpty() {
        return trim == null ? List.of() : trim;
    }

    public List<CaseChange> casesOrEmpty() {
        return cases == null ? List.of() : cases;
    }

    public List<String> datesOrEmpty() {
        return standardizeDates == null ? List.of() : standardizeDates;
    }

    public List<Fill> fillsOrEmpty() {
        return fills == null ? List.of() : fills;
    }
}
