package dev.foresight.datasets.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An uploaded file made ready for DuckDB: UTF-8 delimited text with one header line, and what was found out about it.
 *
 * @param file the file DuckDB reads: the upload itself when it needed no conversion
 * @param delimiter the field delimiter
 * @param headers the column names, in order, as the header gave them
 * @param format what the upload was
 * @param notes what was done to it, for the quality report (e.g. "decoded from Windows-1252")
 * @param problems records that could not be read while preparing; they count as rejected rows
 * @param lineMap where each record is in the upload, as {@link LineMap} describes; read it through {@link #lineMap()}
 * @param lineMapWritten done when the line map is written: the scan of a delimited upload runs beside DuckDB's first
 *     passes over it, which do not need it
 */
public record PreparedSource(
        Path file,
        char delimiter,
        List<String> headers,
        SourceFormat format,
        List<String> notes,
        List<SourceProblem> problems,
        Path lineMap,
        CompletableFuture<Void> lineMapWritten) {

    /** The line map, once it is written. */
    @Override
    public Path lineMap() {
        finishLineMap();
        return lineMap;
    }

    /** Waits for the line map's scan; its failure is the preparation's. */
    public void finishLineMap() {
        try {
            lineMapWritten.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
