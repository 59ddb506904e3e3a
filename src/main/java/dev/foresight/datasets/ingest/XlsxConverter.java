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
    String convert(Path workbook, Path target, @Nullable String sheet) throws IOException {
        ZipSecureFile.setMinInflateRatio(1.0 / limits.maxCompressionRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxUncompressedBytes());
        try (var pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ);
                Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
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
                        var rows = new RowWriter(writer, limits.maxColumns());
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
        private final int maxColumns;
        private final List<String> row = new ArrayList<>();

        @Nullable
        RejectedSourceException failure;

        RowWriter(Writer writer, int maxColumns) {
            this.writer = writer;
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
                    CsvRecords.write(writer, row);
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
