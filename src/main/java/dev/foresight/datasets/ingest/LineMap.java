package dev.foresight.datasets.ingest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where each record of a prepared file is in the upload, so that reports name the line a person finds in their own
 * file. DuckDB numbers records only by position, and numbers a malformed one by a line count that skips the line
 * breaks inside quoted values; blank lines, multi-line values, skipped JSON lines and empty sheet rows all move the
 * real line away from either. The map is a CSV of break points {@code record,duckdb_line,line}: from data record
 * {@code record} (1 is the first after the header) on, record {@code record + i} is at DuckDB's line
 * {@code duckdb_line + i} and the upload's line {@code line + i}, until the next break point. A plain file has one.
 */
public final class LineMap {

    public static final String HEADER = "record,duckdb_line,line";

    private LineMap() {}

    /** Writes break points as records are found, only where the pattern changes. */
    static final class Writer implements Closeable {

        private final BufferedWriter out;
        private long duckdbShift = Long.MIN_VALUE;
        private long lineShift = Long.MIN_VALUE;

        Writer(Path target) throws IOException {
            this.out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        }

        void record(long record, long duckdbLine, long line) throws IOException {
            if (duckdbLine - record != duckdbShift || line - record != lineShift) {
                duckdbShift = duckdbLine - record;
                lineShift = line - record;
                out.write(record + "," + duckdbLine + "," + line + "\n");
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Scans delimited UTF-8 text the way DuckDB reads it: a quote opens a quoted value only at the start of a field,
     * two quotes inside one are a quote, and line breaks inside quotes belong to the value. A blank line is no record
     * unless the file has a single column (DuckDB reads it as an empty value then).
     */
    static void scan(Path csv, char delimiter, int width, Path target) throws IOException {
        // One tight loop over a large buffer: a two-gigabyte upload is scanned at close to disk speed. A quote seen
        // inside a quoted value, and a carriage return, are settled by the byte after them, which may be in the next
        // buffer.
        try (InputStream in = Files.newInputStream(csv);
                var map = new Writer(target)) {
            var buffer = new byte[1 << 20];
            long line = 1;
            long duckdbLine = 1;
            long record = -1; // the header is record 0
            boolean lineStart = true;
            boolean fieldStart = true;
            boolean quoted = false;
            boolean quoteInQuoted = false;
            boolean afterCr = false;
            int read;
            byte separator = (byte) delimiter;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (!lineStart && !afterCr && !quoteInQuoted) {
                        // Most bytes are plain value bytes: skip them in a loop of its own, which runs several times
                        // faster than the state machine below.
                        int from = i;
                        if (quoted) {
                            while (i < read && buffer[i] != '"' && buffer[i] != '\n' && buffer[i] != '\r') {
                                i++;
                            }
                        } else {
                            while (i < read
                                    && buffer[i] != '"'
                                    && buffer[i] != separator
                                    && buffer[i] != '\n'
                                    && buffer[i] != '\r') {
                                i++;
                            }
                            if (i > from) {
                                fieldStart = false;
                            }
                        }
                        if (i == read) {
                            break;
                        }
                    }
                    int c = buffer[i];
                    if (afterCr) {
                        afterCr = false;
                        if (c == '\n') {
                            continue;
                        }
                    }
                    if (quoteInQuoted) {
                        quoteInQuoted = false;
                        if (c == '"') {
                            continue; // two quotes inside a quoted value are one quote
                        }
                        quoted = false;
                    }
                    if (lineStart && !quoted) {
                        boolean blank = c == '\n' || c == '\r';
                        if (!blank || width == 1 || record < 0) {
                            record++;
                            if (record > 0) {
                                map.record(record, duckdbLine, line);
                            }
                        }
                        lineStart = false;
                    }
                    if (quoted) {
                        if (c == '"') {
                            quoteInQuoted = true;
                        } else if (c == '\n' || c == '\r') {
                            afterCr = c == '\r';
                            line++;
                        }
                    } else if (c == '"' && fieldStart) {
                        quoted = true;
                        fieldStart = false;
                    } else if (c == delimiter) {
                        fieldStart = true;
                    } else if (c == '\n' || c == '\r') {
                        afterCr = c == '\r';
                        line++;
                        duckdbLine++;
                        lineStart = true;
                        fieldStart = true;
                    } else {
                        fieldStart = false;
                    }
                }
            }
        }
    }
}
