package dev.foresight.datasets.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines to CSV: one object per line, its keys the columns (the union of the keys of the first 10,000 objects,
 * in the order first seen). Nested values are kept as JSON text. A line that is not a JSON object becomes a problem
 * record, reported as rejected.
 */
final class JsonLinesConverter {

    private static final int KEY_SAMPLE = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IngestLimits limits;

    JsonLinesConverter(IngestLimits limits) {
        this.limits = limits;
    }

    List<SourceProblem> convert(Path source, Path target, Path lineMap) throws IOException {
        var keys = new LinkedHashSet<String>();
        try (var reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
            String line;
            int sampled = 0;
            while (sampled < KEY_SAMPLE && (line = reader.readLine()) != null) {
                var node = parse(line);
                if (node != null && node.isObject()) {
                    node.propertyNames().forEach(keys::add);
                    sampled++;
                }
            }
        }
        if (keys.size() > limits.maxColumns()) {
            throw new RejectedSourceException("The records have " + keys.size() + " different keys; at most "
                    + limits.maxColumns() + " columns are supported.");
        }
        var problems = new ArrayList<SourceProblem>();
        try (var reader = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                var writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                var lines = new LineMap.Writer(lineMap)) {
            CsvRecords.write(writer, new ArrayList<>(keys));
            String line;
            long number = 0;
            long record = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > limits.maxLineBytes()) {
                    problems.add(new SourceProblem(number, "line longer than " + limits.maxLineBytes(), ""));
                    continue;
                }
                var node = parse(line);
                if (node == null || !node.isObject()) {
                    problems.add(new SourceProblem(
                            number, "not a JSON object", line.length() > 200 ? line.substring(0, 200) : line));
                    continue;
                }
                var fields = new ArrayList<String>(keys.size());
                for (var key : keys) {
                    var value = node.get(key);
                    fields.add(
                            value == null || value.isNull()
                                    ? null
                                    : value.isValueNode() ? value.asString() : JSON.writeValueAsString(value));
                }
                CsvRecords.write(writer, fields);
                record++;
                // Every record is one DuckDB line after the header, whatever line breaks its values hold.
                lines.record(record, record + 1, number);
            }
        }
        if (keys.isEmpty()) {
            throw new RejectedSourceException("No line of the file is a JSON object with keys.");
        }
        return problems;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JacksonException malformed) {
            return null;
        }
    }
}
