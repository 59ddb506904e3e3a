package dev.foresight.datasets.query;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to compute over a dataset, in the shape the query API, dashboards and insights share: {@code
 * {"dataset","measures":[{"column","agg"}],"dimensions":[…],"timeGrain","filters":[{"column","op","value"}],"sort",
 * "limit"}}. Result columns are the dimensions, then {@code <agg>_<column>} per measure ({@code count} for a count of
 * rows).
 *
 * @param timeGrain hour, day, week, month, quarter or year: truncates the temporal dimensions
 * @param sort a result column, {@code -} in front for descending
 */
public record QuerySpec(
        UUID dataset,
        @Nullable List<Measure> measures,
        @Nullable List<String> dimensions,
        @Nullable String timeGrain,
        @Nullable List<Filter> filters,
        @Nullable String sort,
        @Nullable Integer limit) {

    /**
     * One aggregate.
     *
     * @param agg sum, avg, min, max, count, count_distinct, median, percentile (with {@code p}) or share (the share of
     *     rows whose column equals {@code value}, e.g. a denial rate)
     */
    public record Measure(@Nullable String column, @Nullable String agg, @Nullable Double p, @Nullable Object value) {

        public static Measure of(@Nullable String column, String agg) {
            return new Measure(column, agg, null, null);
        }
    }

    /**
     * One condition on the rows.
     *
     * @param op eq, ne, lt, le, gt, ge, in (value an array), between (value [lo, hi]), contains, is_null (value false:
     *     is not null)
     */
    public record Filter(@Nullable String column, @Nullable String op, @Nullable Object value) {}

    public List<Measure> measuresOrEmpty() {
        return measures == null ? List.of() : measures;
    }

    public List<String> dimensionsOrEmpty() {
        return dimensions == null ? List.of() : dimensions;
    }

    public List<Filter> filtersOrEmpty() {
        return filters == null ? List.of() : filters;
    }

    /** The same query with more filters, as a dashboard applies its own to each widget. */
    public QuerySpec withFilters(List<Filter> more) {
        if (more.isEmpty()) {
            return this;
        }
        var all = new java.util.ArrayList<>(filtersOrEmpty());
        all.addAll(more);
        return new QuerySpec(dataset, measures, dimensions, timeGrain, List.copyOf(all), sort, limit);
    }
}
