package dev.foresight.alerts.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one delivery says, before a channel shapes it: the group's fields (workspace, rule, title, count and the first
 * item's fields) and one field map per item. Each item has a {@code line}, its one-line reading.
 */
public record AlertMessage(String event, String title, Map<String, String> fields, List<Map<String, String>> items) {

    public static AlertMessage of(String event, String workspace, String rule, List<Map<String, String>> items) {
        var fields = new LinkedHashMap<String, String>();
        if (!items.isEmpty()) {
            fields.putAll(items.getFirst());
        }
        var title =
                switch (event) {
                    case "drift" ->
                        items.size() == 1
                                ? "Drift: " + items.getFirst().getOrDefault("line", "")
                                : items.size() + " drifted segments";
                    case "quality" ->
                        items.size() == 1
                                ? "Data quality: " + items.getFirst().getOrDefault("line", "")
                                : items.size() + " datasets over the reject threshold";
                    case "execution-failed" ->
                        items.size() == 1
                                ? "Failed: " + items.getFirst().getOrDefault("line", "")
                                : items.size() + " failed executions";
                    default -> rule;
                };
        title = "[" + workspace + "] " + rule + " — " + title;
        fields.put("workspace", workspace);
        fields.put("rule", rule);
        fields.put("event", event);
        fields.put("title", title);
        fields.put("count", String.valueOf(items.size()));
        fields.put(
                "items",
                items.stream().map(i -> "• " + i.getOrDefault("line", "")).collect(Collectors.joining("\n")));
        return new AlertMessage(event, title, Map.copyOf(fields), List.copyOf(items));
    }
}
