package dev.foresight.alerts.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A channel's template: text with {@code {{field}}} placeholders replaced by the message's fields, nothing else — no
 * expressions, no code, no lookups beyond the field map. An unknown field becomes empty.
 */
public final class MessageTemplate {

    public static final String DEFAULT = "{{title}}\n{{items}}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,40})\\s*}}");

    private MessageTemplate() {}

    public static String render(@Nullable String template, Map<String, String> fields) {
        var source = template == null || template.isBlank() ? DEFAULT : template;
        var matcher = PLACEHOLDER.matcher(source);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(fields.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Refuses a template that is too long or has a malformed placeholder, with a message for the author. */
    public static @Nullable String problem(@Nullable String template) {
        if (template == null) {
            return null;
        }
        if (template.length() > 4000) {
            return "A template has at most 4000 characters.";
        }
        var stripped = PLACEHOLDER.matcher(template).replaceAll("");
        if (stripped.contains("{{") || stripped.contains("}}")) {
            return "Placeholders look like {{segment}}: a field name in double braces.";
        }
        return null;
    }
}
