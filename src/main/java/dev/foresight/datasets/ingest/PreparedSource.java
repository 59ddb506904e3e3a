package dev.foresight.datasets.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * An uploaded file made ready for DuckDB: UTF-8 delimited text with one header line, and what was found out about it.
 *
 * @param file the file DuckDB reads: the upload itself when it needed no conversion
 * @param delimiter the field delimiter
 * @param headers the column names, in order, as the header gave them
 * @param format what the upload was
 * @param notes what was done to it, for the quality report (e.g. "decoded from Windows-1252")
 * @param problems records that could not be read while preparing; they count as rejected rows
 * @param lineMap where each record is in the upload, as {@link LineMap} describes
 */
public record PreparedSource(
        Path file,
        char delimiter,
        List<String> headers,
        SourceFormat format,
        List<String> notes,
        List<SourceProblem> problems,
        Path lineMap) {}
