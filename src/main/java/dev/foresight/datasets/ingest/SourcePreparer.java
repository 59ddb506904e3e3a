package dev.foresight.datasets.ingest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Turns an upload into what DuckDB reads fastest: UTF-8 delimited text with one header line. A plain UTF-8 CSV passes
 * untouched; gzip is unpacked within limits, UTF-16 and Windows-1252 are re-encoded, JSON Lines and XLSX are
 * converted. Whatever cannot become a dataset is refused with a message a person understands.
 */
public final class SourcePreparer {

    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String LINES = "lines.csv";

    private final IngestLimits limits;

    public SourcePreparer(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * Prepares the upload in {@code workDir}. The line map of a delimited file is still being written when this
     * returns: call {@link PreparedSource#finishLineMap()} before removing {@code workDir}.
     */
    public PreparedSource prepare(Path upload, String fileName, Path workDir, @Nullable String sheet) {
        try {
            Files.createDirectories(workDir);
            var notes = new ArrayList<String>();
            var name = fileName.toLowerCase(Locale.ROOT);
            var file = upload;
            if (Files.size(file) == 0) {
                throw new RejectedSourceException("The file is empty.");
            }
            var head = head(file, SAMPLE_BYTES);
            if (isGzip(head)) {
                file = gunzip(file, workDir.resolve("unpacked"));
                notes.add("unpacked from gzip");
                name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
                if (Files.size(file) == 0) {
                    throw new RejectedSourceException("The file is empty once unpacked.");
                }
                head = head(file, SAMPLE_BYTES);
            }
            if (isZip(head)) {
                var csv = workDir.resolve("sheet.csv");
                var lines = workDir.resolve(LINES);
                var sheetName = new XlsxConverter(limits).convert(file, csv, lines, sheet);
                notes.add("read from the Excel sheet '" + sheetName + "'");
                return delimited(csv, ',', SourceFormat.XLSX, notes, List.of(), lines, DONE);
            }
            file = toUtf8(file, head, workDir.resolve("utf8.txt"), notes);
            if (looksLikeJsonLines(file)) {
                var csv = workDir.resolve("records.csv");
                var lines = workDir.resolve(LINES);
                var problems = new JsonLinesConverter(limits).convert(file, csv, lines);
                notes.add("converted from JSON Lines");
                return delimited(csv, ',', SourceFormat.JSON_LINES, notes, problems, lines, DONE);
            }
            var delimiter = name.endsWith(".tsv") || name.endsWith(".tab") ? '\t' : sniffDelimiter(file);
            var lines = workDir.resolve(LINES);
            var headers = headers(file, delimiter, List.of());
            // The scan reads the whole file on one core while DuckDB infers the types and checks the rows on the
            // others; only the reports need it, at the end.
            var scanned = file;
            var written = CompletableFuture.runAsync(
                    () -> {
                        try {
                            LineMap.scan(scanned, delimiter, headers.size(), lines);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    task -> Thread.ofVirtual().name("line-map").start(task));
            return new PreparedSource(
                    file, delimiter, headers, SourceFormat.CSV, List.copyOf(notes), List.of(), lines, written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private PreparedSource delimited(
            Path file,
            char delimiter,
            SourceFormat format,
            List<String> notes,
            List<SourceProblem> problems,
            Path lines,
            CompletableFuture<Void> lineMapWritten)
            throws IOException {
        var headers = headers(file, delimiter, problems);
        return new PreparedSource(
                file, delimiter, headers, format, List.copyOf(notes), List.copyOf(problems), lines, lineMapWritten);
    }

    /** The header's column names, checked; refuses a file with nothing after its header. */
    private List<String> headers(Path file, char delimiter, List<SourceProblem> problems) throws IOException {
        List<String> headers;
        boolean hasRows;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var header = readRecord(reader, delimiter);
            if (header == null) {
                throw new RejectedSourceException("The file is empty.");
            }
            headers = header;
            // Only whether anything follows: a broken row is DuckDB's to reject with its line, not a reason here.
            hasRows = hasContent(reader);
        }
        if (headers.size() == 1 && headers.getFirst().isBlank()) {
            throw new RejectedSourceException("The first line is blank; it must name the columns.");
        }
        checkHeaders(headers);
        if (!hasRows && problems.isEmpty()) {
            throw new RejectedSourceException("The file has a header but no rows.");
        }
        return headers;
    }

    private static boolean hasContent(BufferedReader reader) throws IOException {
        int c;
        while ((c = reader.read()) != -1) {
            if (!Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    private void checkHeaders(List<String> headers) {
        if (headers.size() > limits.maxColumns()) {
            throw new RejectedSourceException(
                    "The file has " + headers.size() + " columns; at most " + limits.maxColumns() + " are supported.");
        }
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < headers.size(); i++) {
            var header = headers.get(i).strip();
            if (header.isEmpty()) {
                throw new RejectedSourceException("Column " + (i + 1) + " has no name in the header line.");
            }
            var previous = seen.put(header.toLowerCase(Locale.ROOT), i + 1);
            if (previous != null) {
                throw new RejectedSourceException("The column name '" + header + "' appears twice (columns " + previous
                        + " and " + (i + 1) + "); column names must be unique.");
            }
        }
    }

    /**
     * Reads one RFC 4180 record, or {@code null} at the end. Quoted fields may hold delimiters, quotes ("") and line
     * breaks. A record longer than the line limit is refused rather than read into memory without end.
     */
    @Nullable
    List<String> readRecord(BufferedReader reader, char delimiter) throws IOException {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int length = 0;
        int c;
        while ((c = reader.read()) != -1) {
            any = true;
            if (++length > limits.maxLineBytes()) {
                throw new RejectedSourceException("A line is longer than " + limits.maxLineBytes()
                        + " characters; check the delimiter and quoting, or split the file.");
            }
            if (quoted) {
                if (c == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                break;
            } else if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                break;
            } else if (c != '\uFEFF' || length > 1) {
                field.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        if (quoted) {
            throw new RejectedSourceException("A quoted value in the header is never closed.");
        }
        fields.add(field.toString());
        return fields;
    }

    /** The candidate found the same, non-zero number of times on most of the first lines. */
    private char sniffDelimiter(Path file) throws IOException {
        var lines = new ArrayList<String>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var buffer = new char[SAMPLE_BYTES];
            int read = reader.read(buffer);
            if (read > 0) {
                lines.addAll(Arrays.asList(new String(buffer, 0, read).split("\r?\n", 21)));
            }
        }
        if (lines.size() > 20) {
            lines.removeLast();
        }
        char best = ',';
        double bestScore = 0;
        for (char candidate : DELIMITERS) {
            var counts = lines.stream()
                    .mapToInt(line -> countOutsideQuotes(line, candidate))
                    .toArray();
            if (counts.length == 0 || counts[0] == 0) {
                continue;
            }
            long consistent =
                    Arrays.stream(counts).filter(count -> count == counts[0]).count();
            double score = consistent / (double) counts.length * 1000 + counts[0];
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** Re-encodes to UTF-8 when needed; refuses binary files and broken UTF-8. */
    private Path toUtf8(Path file, byte[] head, Path target, List<String> notes) throws IOException {
        if (head.length >= 2
                && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            transcode(file, target, StandardCharsets.UTF_16);
            notes.add("decoded from UTF-16");
            return target;
        }
        int nul = indexOf(head, (byte) 0);
        if (nul >= 0) {
            throw new RejectedSourceException("This looks like a binary file, not text (a zero byte at offset " + nul
                    + "). Upload CSV, TSV, JSON Lines or XLSX.");
        }
        var utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int length = head.length;
        // Do not judge a multi-byte character cut by the end of the sample.
        if (length == SAMPLE_BYTES) {
            int back = 0;
            while (back < 3 && length - back - 1 >= 0 && (head[length - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (length - back - 1 >= 0 && (head[length - back - 1] & 0x80) != 0) {
                length = length - back - 1;
            }
        }
        try {
            utf8.decode(ByteBuffer.wrap(head, 0, length));
            return file;
        } catch (CharacterCodingException invalid) {
            if (hasMultiByteUtf8(head, length)) {
                throw new RejectedSourceException(
                        "The file mixes UTF-8 with bytes that are not UTF-8; save it again as UTF-8.");
            }
            transcode(file, target, Charset.forName("windows-1252"));
            notes.add("decoded from Windows-1252");
            return target;
        }
    }

    /**
     * Whether the bytes hold at least one complete UTF-8 multi-byte character: a lead byte followed by all the
     * continuation bytes it announces. Windows-1252 text often has a letter such as é (E9) before a curly quote (92),
     * which starts a UTF-8 sequence but never completes one.
     */
    private static boolean hasMultiByteUtf8(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            int continuation = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
            if (continuation == 0 || i + continuation >= length) {
                continue;
            }
            boolean complete = true;
            for (int k = 1; k <= continuation; k++) {
                complete &= (bytes[i + k] & 0xC0) == 0x80;
            }
            if (complete) {
                return true;
            }
        }
        return false;
    }

    private static void transcode(Path source, Path target, Charset charset) throws IOException {
        try (var reader = Files.newBufferedReader(source, charset);
                BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            reader.transferTo(writer);
        }
    }

    private Path gunzip(Path file, Path target) throws IOException {
        long packed = Files.size(file);
        long allowed = Math.min(limits.maxUncompressedBytes(), Math.max(packed, 1) * limits.maxCompressionRatio());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
                OutputStream out = Files.newOutputStream(target)) {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > allowed) {
                    throw new RejectedSourceException("The gzip file unpacks to more than " + allowed
                            + " bytes (over " + limits.maxCompressionRatio() + " times its size or the "
                            + limits.maxUncompressedBytes() + "-byte limit); it looks like a compression bomb.");
                }
                out.write(buffer, 0, read);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException broken) {
            throw new RejectedSourceException("The gzip file is damaged or cut off: " + broken.getMessage(), broken);
        }
        return target;
    }

    private static boolean looksLikeJsonLines(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) != -1) {
                if (c == 0xEF || c == 0xBB || c == 0xBF || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{';
            }
        }
        return false;
    }

    private static byte[] head(Path file, int bytes) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        }
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && head[0] == (byte) 0x1F && head[1] == (byte) 0x8B;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
