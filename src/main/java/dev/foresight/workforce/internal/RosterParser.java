package dev.foresight.workforce.internal;

import dev.foresight.shared.InvalidRequestException;
import dev.foresight.workforce.RosterShift;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads a roster from CSV or XLSX. Rosters are small and people fix them by hand, so the whole file is checked at
 * once and every problem comes back with its line — before anything is stored. Columns (any order, any case):
 * {@code agent}, {@code site} or {@code team}, {@code queues} or {@code skills} (a semicolon list, optionally with
 * shares such as {@code Billing:0.7;Sales:0.3}), {@code shift_start} and {@code shift_end} (HH:MM; an end before the
 * start runs overnight) and {@code days} (such as {@code Mon;Tue;Wed} or {@code Mon-Fri}).
 */
public final class RosterParser {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_ROWS = 20_000;
    private static final int MAX_PROBLEMS = 20;
    private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

    static {
        for (var day : DayOfWeek.values()) {
            var name = day.name().toLowerCase(Locale.ROOT);
            DAYS.put(name, day);
            DAYS.put(name.substring(0, 3), day);
            DAYS.put(name.substring(0, 2), day);
        }
        DAYS.put("tues", DayOfWeek.TUESDAY);
        DAYS.put("thur", DayOfWeek.THURSDAY);
        DAYS.put("thurs", DayOfWeek.THURSDAY);
    }

    private RosterParser() {}

    public static List<RosterShift> parse(String fileName, byte[] content) {
        if (content.length == 0) {
            throw new InvalidRequestException("The roster file is empty.");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidRequestException(
                    "A roster file has at most 5 MB; this one has " + (content.length / (1024 * 1024)) + " MB.");
        }
        boolean zip = content.length > 3 && content[0] == 'P' && content[1] == 'K';
        var rows = zip || fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? xlsx(content) : csv(content);
        return shifts(rows);
    }

    private static List<List<String>> xlsx(byte[] content) {
        try (var workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new InvalidRequestException("The roster workbook has no sheet.");
            }
            var sheet = workbook.getSheetAt(0);
            var formatter = new DataFormatter(Locale.ROOT);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        var cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                rows.add(cells);
                if (rows.size() > MAX_ROWS + 1) {
                    throw new InvalidRequestException("A roster has at most " + MAX_ROWS + " lines.");
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRequestException invalid) {
                throw invalid;
            }
            throw new InvalidRequestException("The roster is not a readable CSV or XLSX file.");
        }
    }

    /** RFC 4180 records, comma- or tab-separated, in strict UTF-8. */
    static List<List<String>> csv(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("The roster is not UTF-8 text, nor an XLSX workbook.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidRequestException("The roster is a binary file, not CSV or XLSX.");
        }
        int firstLine = text.indexOf('\n');
        var header = firstLine < 0 ? text : text.substring(0, firstLine);
        char separator = header.indexOf('\t') >= 0 && header.indexOf(',') < 0 ? '\t' : ',';
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else if (ch == separator) {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                if (rows.size() > MAX_ROWS + 1) {
                    throw new InvalidRequestException("A roster has at most " + MAX_ROWS + " lines.");
                }
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new InvalidRequestException(
                    "Line " + (rows.size() + 1) + " of the roster opens a quote that never closes.");
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private enum Column {
        AGENT("agent", "agent_id", "agent_name", "name", "employee"),
        SITE("site", "team", "location"),
        QUEUES("queues", "queue", "skills", "skill"),
        START("shift_start", "start", "start_time"),
        END("shift_end", "end", "end_time"),
        DAYS("days", "day", "weekdays");

        final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }
    }

    private static List<RosterShift> shifts(List<List<String>> rows) {
        rows.removeIf(r -> r.stream().allMatch(String::isBlank));
        if (rows.isEmpty()) {
            throw new InvalidRequestException("The roster has no header line.");
        }
        var header = rows.getFirst();
        Map<Column, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            var name = header.get(i)
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replace(' ', '_')
                    .replace('-', '_');
            for (var column : Column.values()) {
                if (column.names.contains(name) && !index.containsKey(column)) {
                    index.put(column, i);
                }
            }
        }
        var missing =
                EnumSet.complementOf(index.isEmpty() ? EnumSet.noneOf(Column.class) : EnumSet.copyOf(index.keySet()));
        missing.remove(Column.SITE);
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("The roster lacks the column(s) "
                    + missing.stream().map(c -> c.names.getFirst()).toList()
                    + "; it needs agent, site (or team, optional), queues, shift_start, shift_end and days. Its header"
                    + " is " + header + ".");
        }
        if (rows.size() == 1) {
            throw new InvalidRequestException("The roster has a header but no agents.");
        }
        List<String> problems = new ArrayList<>();
        List<RosterShift> shifts = new ArrayList<>();
        for (int r = 1; r < rows.size() && problems.size() < MAX_PROBLEMS; r++) {
            var row = rows.get(r);
            int line = r + 1;
            try {
                shifts.add(shift(row, index, line));
            } catch (IllegalArgumentException problem) {
                problems.add("Line " + line + ": " + problem.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(
                    "The roster has problems, nothing was stored. " + String.join(" ", problems));
        }
        checkOverlaps(shifts);
        return shifts;
    }

    private static String cell(List<String> row, Map<Column, Integer> index, Column column) {
        var i = index.get(column);
        return i == null || i >= row.size() ? "" : row.get(i).strip();
    }

    private static RosterShift shift(List<String> row, Map<Column, Integer> index, int line) {
        var agent = cell(row, index, Column.AGENT);
        if (agent.isEmpty()) {
            throw new IllegalArgumentException("the agent is missing.");
        }
        if (agent.length() > 100) {
            throw new IllegalArgumentException("an agent's name has at most 100 characters.");
        }
        var site = cell(row, index, Column.SITE);
        if (site.length() > 100) {
            throw new IllegalArgumentException("a site has at most 100 characters.");
        }
        return new RosterShift(
                agent,
                site.isEmpty() ? "All" : site,
                queues(cell(row, index, Column.QUEUES)),
                time(cell(row, index, Column.START), "shift_start"),
                time(cell(row, index, Column.END), "shift_end"),
                days(cell(row, index, Column.DAYS)),
                line);
    }

    /** Queue shares from {@code Billing;Technical} (split evenly) or {@code Billing:0.7;Technical:0.3}. */
    public static Map<String, Double> queues(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("no queue is given; list the agent's queues, such as Billing;Sales.");
        }
        Map<String, Double> shares = new TreeMap<>();
        int weighted = 0;
        var parts = text.split("[;|]");
        for (var part : parts) {
            var entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = Math.max(entry.lastIndexOf(':'), entry.lastIndexOf('='));
            String name = entry;
            double share = 1;
            if (colon > 0) {
                name = entry.substring(0, colon).strip();
                try {
                    share = Double.parseDouble(entry.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the share of queue '" + name + "' is not a number.");
                }
                if (!(share > 0) || !Double.isFinite(share)) {
                    throw new IllegalArgumentException("the share of queue '" + name + "' must be more than 0.");
                }
                weighted++;
            }
            if (name.isEmpty() || name.length() > 60) {
                throw new IllegalArgumentException("a queue name has 1 to 60 characters.");
            }
            if (shares.put(name, share) != null) {
                throw new IllegalArgumentException("queue '" + name + "' is listed twice.");
            }
        }
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("no queue is given; list the agent's queues, such as Billing;Sales.");
        }
        if (weighted > 0 && weighted < shares.size()) {
            throw new IllegalArgumentException("give a share for every queue or for none (then they split evenly).");
        }
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        shares.replaceAll((name, share) -> share / total);
        return shares;
    }

    public static LocalTime time(String text, String what) {
        var m = java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2})(?::00)?").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a time such as 08:30.");
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour == 24 && minute == 0) {
            return LocalTime.MIDNIGHT;
        }
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a time of day (00:00 to 23:59).");
        }
        return LocalTime.of(hour, minute);
    }

    /** Days from {@code Mon;Tue}, {@code Mon,Wed Fri} or ranges such as {@code Mon-Fri}, in week order. */
    public static List<DayOfWeek> days(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("no days are given; list them, such as Mon;Tue;Wed or Mon-Fri.");
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (var part : text.split("[;,\\s/|]+")) {
            var token = part.strip().toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                continue;
            }
            int dash = token.indexOf('-');
            if (dash > 0) {
                var from = day(token.substring(0, dash));
                var to = day(token.substring(dash + 1));
                for (var d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                days.add(day(token));
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no days are given; list them, such as Mon;Tue;Wed or Mon-Fri.");
        }
        return List.copyOf(days);
    }

    private static DayOfWeek day(String token) {
        var day = DAYS.get(token.strip());
        if (day == null) {
            throw new IllegalArgumentException("'" + token + "' is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
        }
        return day;
    }

    /** One agent cannot be on two shifts at once; overnight shifts of Sunday run into Monday. */
    public static void checkOverlaps(List<RosterShift> shifts) {
        Map<String, List<Span>> byAgent = new TreeMap<>();
        for (var shift : shifts) {
            if (shift.start().equals(shift.end())) {
                throw new InvalidRequestException("Line " + shift.line() + ": the shift of " + shift.agent()
                        + " starts and ends at " + shift.start() + "; a shift needs a length.");
            }
            int start = shift.start().getHour() * 60 + shift.start().getMinute();
            for (var day : shift.days()) {
                int from = (day.getValue() - 1) * 1440 + start;
                int to = from + shift.minutes();
                var spans = byAgent.computeIfAbsent(shift.agent(), a -> new ArrayList<>());
                if (to > 7 * 1440) {
                    spans.add(new Span(from, 7 * 1440, shift, day));
                    spans.add(new Span(0, to - 7 * 1440, shift, day));
                } else {
                    spans.add(new Span(from, to, shift, day));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (var entry : byAgent.entrySet()) {
            var spans = entry.getValue();
            spans.sort(java.util.Comparator.comparingInt(Span::from));
            for (int i = 1; i < spans.size() && problems.size() < MAX_PROBLEMS; i++) {
                var before = spans.get(i - 1);
                var after = spans.get(i);
                if (after.from() < before.to()) {
                    problems.add("Agent " + entry.getKey() + ": the shift on " + label(before) + " (line "
                            + before.shift().line() + ") overlaps the one on " + label(after) + " (line "
                            + after.shift().line() + ").");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(
                    "Overlapping shifts: one agent cannot work two at once. " + String.join(" ", problems));
        }
    }

    private record Span(int from, int to, RosterShift shift, DayOfWeek day) {}

    private static String label(Span span) {
        return span.day().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " "
                + span.shift().start() + "–" + span.shift().end();
    }
}
