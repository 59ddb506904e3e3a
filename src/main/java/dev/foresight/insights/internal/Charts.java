package dev.foresight.insights.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** ECharts options for the insight cards: plain maps that serialise to the JSON the browser hands to ECharts. */
final class Charts {

    private Charts() {}

    /** A point of a time series: an ISO date or date-time and a value. */
    record Point(String at, double value) {}

    static Map<String, Object> line(
            String name,
            List<Point> points,
            @Nullable List<Point> fitted,
            String fittedName,
            @Nullable List<Point> marked,
            String markedName) {
        var series = new ArrayList<Object>();
        series.add(Map.of("type", "line", "name", name, "showSymbol", false, "data", data(points)));
        if (fitted != null) {
            series.add(Map.of(
                    "type",
                    "line",
                    "name",
                    fittedName,
                    "showSymbol",
                    false,
                    "lineStyle",
                    Map.of("type", "dashed"),
                    "data",
                    data(fitted)));
        }
        if (marked != null) {
            series.add(Map.of(
                    "type",
                    "scatter",
                    "name",
                    markedName,
                    "symbolSize",
                    10,
                    "itemStyle",
                    Map.of("color", "#dc3545"),
                    "data",
                    data(marked)));
        }
        var option = base();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("xAxis", Map.of("type", "time"));
        option.put("yAxis", Map.of("type", "value", "scale", true));
        option.put("series", series);
        return option;
    }

    static Map<String, Object> bar(List<String> categories, String name, List<Double> values) {
        var option = base();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("xAxis", Map.of("type", "category", "data", categories));
        option.put("yAxis", Map.of("type", "value"));
        option.put("series", List.of(Map.of("type", "bar", "name", name, "data", numbers(values))));
        return option;
    }

    static Map<String, Object> pie(String name, Map<String, Double> shares) {
        var data = new ArrayList<Object>();
        shares.forEach((label, value) -> data.add(Map.of("name", label, "value", Numbers.round(value))));
        var option = base();
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("series", List.of(Map.of("type", "pie", "name", name, "radius", "65%", "data", data)));
        return option;
    }

    static Map<String, Object> scatter(String xName, String yName, List<double[]> points) {
        var data = new ArrayList<Object>();
        for (var p : points) {
            data.add(List.of(Numbers.round(p[0]), Numbers.round(p[1])));
        }
        var option = base();
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("xAxis", Map.of("type", "value", "name", xName, "scale", true));
        option.put("yAxis", Map.of("type", "value", "name", yName, "scale", true));
        option.put("series", List.of(Map.of("type", "scatter", "symbolSize", 4, "data", data)));
        return option;
    }

    private static Map<String, Object> base() {
        var option = new LinkedHashMap<String, Object>();
        option.put("grid", Map.of("left", 50, "right", 20, "top", 30, "bottom", 30, "containLabel", true));
        return option;
    }

    private static List<Object> data(List<Point> points) {
        var data = new ArrayList<Object>(points.size());
        for (var p : points) {
            var pair = new ArrayList<@Nullable Object>(2);
            pair.add(p.at());
            pair.add(Double.isFinite(p.value()) ? Numbers.round(p.value()) : null);
            data.add(pair);
        }
        return data;
    }

    private static List<@Nullable Object> numbers(List<Double> values) {
        var data = new ArrayList<@Nullable Object>(values.size());
        for (var v : values) {
            data.add(Double.isFinite(v) ? Numbers.round(v) : null);
        }
        return data;
    }
}
