package dev.foresight.datasets.ingest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes plain RFC 4180 records for DuckDB to read; data, not a spreadsheet export, so nothing is escaped away. */
final class CsvRecords {

    private CsvRecords() {}

    static void write(Writer out, List<@Nullable String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            var value = fields.get(i);
            if (value == null) {
                continue;
            }
            if (value.indexOf(',') >= 0
                    || value.indexOf('"') >= 0
                    || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0) {
                out.write('"');
                out.write(value.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(value);
            }
        }
        out.write('\n');
    }
}
