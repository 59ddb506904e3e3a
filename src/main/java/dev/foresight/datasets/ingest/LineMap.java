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
        try (var in = new Bytes(csv);
                var map = new Writer(target)) {
            long line = 1;
            long duckdbLine = 1;
            long record = -1; // the header is record 0
            boolean lineStart = true;
            boolean fieldStart = true;
            boolean quoted = false;
            int c;
            while ((c = in.next()) != -1) {
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
                        if (in.peek() == '"') {
                            in.next();
                        } else {
                            quoted = false;
                        }
                    } else if (c == '\n' || c == '\r') {
                        in.skipLf(c);
                        line++;
                    }
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                    fieldStart = false;
                } else if (c == delimiter) {
                    fieldStart = true;
                } else if (c == '\n' || c == '\r') {
                    in.skipLf(c);
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

    /** Bytes of a file through a plain buffer: a file of gigabytes is scanned at disk speed. */
    private static final class Bytes implements Closeable {

        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        Bytes(Path file) throws IOException {
            this.in = Files.newInputStream(file);
        }

        int next() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        int peek() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position] & 0xFF;
        }

        /** After a CR, a following LF belongs to the same line break. */
        void skipLf(int c) throws IOException {
            if (c == '\r' && peek() == '\n') {
                position++;
            }
        }

        private boolean fill() throws IOException {
            int read = in.readNBytes(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
