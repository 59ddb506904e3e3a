package dev.foresight.dashboards;

import dev.foresight.datasets.query.QueryResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A widget's rows as the dashboard draws them: the query's answer, and the period its data stops in when that period
 * is not over, so the chart can mark its last point as a part ("so far") rather than let a one-day week read as a fall.
 *
 * @param unfinished the last period, from its start to the data's last value, when the data stops before its end
 */
public record WidgetData(
        List<String> columns,
        List<List<@Nullable Object>> rows,
        String versionId,
        int limit,
        boolean truncated,
        @Nullable String notice,
        KpiPeriods.@Nullable Span unfinished) {

    static WidgetData of(QueryResult result, @Nullable String grain, KpiPeriods.@Nullable Span unfinished) {
        var notice = result.notice();
        if (unfinished != null) {
            var sentence = "The last " + grain + " is not over: its data runs from " + unfinished.from() + " to "
                    + unfinished.to() + ".";
            notice = notice == null ? sentence : notice + " " + sentence;
        }
        return new WidgetData(
                result.columns(),
                result.rows(),
                result.versionId(),
                result.limit(),
                result.truncated(),
                notice,
                unfinished);
    }
}
