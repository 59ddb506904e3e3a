package dev.foresight.datasets.ingest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.jspecify.annotations.Nullable;
import org.xml.sax.InputSource;

/**
 * One sheet of an XLSX workbook to CSV, streamed row by row with POI's event API so a large sheet never sits in
 * memory. POI's zip-bomb guards (inflate ratio, entry size) are set from the ingest limits.
 */
final class XlsxConverter {

    private final IngestLimits limits;

    XlsxConverter(IngestLimits limits) {
        this.limits = limits;
    }

    /** Converts the named sheet, or the first one, and returns the sheet's name. */
    String convert(Path workbook, Path target, Path lineMap, @Nullable String sheet) throws IOException {
        ZipSecureFile.setMinInflateRatio(1.0 / limits.maxCompressionRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxUncompressedBytes());
        try (var pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ);
                Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                var lines = new LineMap.Writer(lineMap)) {
            var reader = new XSSFReader(pkg);
            var strings = new ReadOnlySharedStringsTable(pkg);
            var styles = reader.getStylesTable();
            var sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            var names = new ArrayList<String>();
            while (sheets.hasNext()) {
                try (var stream = sheets.next()) {
                    var name = sheets.getSheetName();
                    names.add(name);
                    if (sheet == null || sheet.isBlank() || sheet.equals(name)) {
                        var rows = new RowWriter(writer, lines, limits.maxColumns());
                        var parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, false));
                        parser.parse(new InputSource(stream));
                        if (rows.failure != null) {
                            throw rows.failure;
                        }
                        return name;
                    }
                }
            }
            throw new RejectedSourceException("The workbook has no sheet named '" + sheet + "'; it has " + names + ".");
        } catch (RejectedSourceException e) {
            throw e;
        } catch (Exception e) {
            var message = String.valueOf(e.getMessage());
            if (message.toLowerCase().contains("zip bomb")) {
                throw new RejectedSourceException(
                        "The workbook unpacks far beyond its size; it looks like a zip bomb.", e);
            }
            throw new RejectedSourceException("The file is not a readable Excel workbook (.xlsx): " + message, e);
        }
    }

    /** Writes rows as they stream by, filling skipped (empty) cells. */
    private static final class RowWriter implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Writer writer;
        private final LineMap.Writer lines;
        private final int maxColumns;
        private long record = -1;
        private final List<@Nullable String> row = new ArrayList<>();
        private int width = -1;

        @Nullable
        RejectedSourceException failure;

        RowWriter(Writer writer, LineMap.Writer lines, int maxColumns) {
            this.writer = writer;
            this.lines = lines;
            this.maxColumns = maxColumns;
        }

        @Override
        public void startRow(int rowNum) {
            row.clear();
        }

        @Override
        public void endRow(int rowNum) {
            try {
                if (!row.isEmpty() && failure == null) {
                    // A sheet stores no cell for an empty one at the end of a row; the record still needs them all.
                    if (width < 0) {
                        width = row.size();
                    }
                    while (row.size() < width) {
                        row.add(null);
                    }
                    CsvRecords.write(writer, row);
                    // The header is record 0; the sheet's row number is the line a person looks for.
                    if (++record > 0) {
                        lines.record(record, record + 1, rowNum + 1L);
                    }
                }
            } catch (IOException e) {
                failure = new RejectedSourceException("Could not write the converted sheet: " + e.getMessage(), e);
            }
        }

        @Override
        public void cell(String reference, String formattedValue, @Nullable XSSFComment comment) {
            int column = reference == null ? row.size() : new CellReference(reference).getCol();
            if (column >= maxColumns) {
                failure = new RejectedSourceException("The sheet has more than " + maxColumns + " columns; at most "
                        + maxColumns + " are supported.");
                return;
            }
            while (row.size() < column) {
                row.add(null);
            }
            row.add(formattedValue);
        }
    }
}
