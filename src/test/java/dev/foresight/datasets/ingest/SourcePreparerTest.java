package dev.foresight.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upload becomes before DuckDB reads it: re-encoded, unpacked, converted, or refused with a message a person
 * understands. Every file here is written byte by byte in the test, so the encodings are exactly what is claimed.
 */
class SourcePreparerTest {

    private static final IngestLimits LIMITS = new IngestLimits(100L << 20, 100, 1000, 4 << 20);

    @TempDir
    Path dir;

    private final SourcePreparer preparer = new SourcePreparer(LIMITS);

    // --- encodings -------------------------------------------------------------------------------------------------

    @Test
    void plainUtf8PassesUntouched() throws IOException {
        var upload = write("plain.csv", "id,name,city\n1,Zoë,Zürich\n2,Ann,Oslo\n".getBytes(StandardCharsets.UTF_8));

        var prepared = prepare(upload, "plain.csv");

        assertThat(prepared.file()).isEqualTo(upload);
        assertThat(prepared.format()).isEqualTo(SourceFormat.CSV);
        assertThat(prepared.delimiter()).isEqualTo(',');
        assertThat(prepared.headers()).containsExactly("id", "name", "city");
        assertThat(prepared.notes()).isEmpty();
        assertThat(prepared.problems()).isEmpty();
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        var bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("id,name\n1,Zoë\n"));
        var upload = write("bom.csv", bytes);

        var prepared = prepare(upload, "bom.csv");

        assertThat(prepared.headers()).containsExactly("id", "name");
        assertThat(prepared.headers().getFirst()).hasSize(2);
    }

    @Test
    void aQuotedFirstHeaderAfterAByteOrderMarkIsStillUnquoted() throws IOException {
        var bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("\"id\",\"full, name\"\n1,x\n"));

        var prepared = prepare(write("bomq.csv", bytes), "bomq.csv");

        assertThat(prepared.headers()).containsExactly("id", "full, name");
    }

    @Test
    void utf16LittleEndianWithByteOrderMarkIsReEncodedAsUtf8() throws IOException {
        var text = "id;name;amount\n1;Zoë;3,50 €\n2;Łukasz;4,00 €\n";
        var bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));

        var prepared = prepare(write("utf16le.csv", bytes), "utf16le.csv");

        assertThat(prepared.file()).isNotEqualTo(dir.resolve("utf16le.csv"));
        assertThat(Files.readString(prepared.file(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(prepared.notes()).contains("decoded from UTF-16");
        assertThat(prepared.delimiter()).isEqualTo(';');
        assertThat(prepared.headers()).containsExactly("id", "name", "amount");
    }

    @Test
    void utf16BigEndianWithByteOrderMarkIsReEncodedAsUtf8() throws IOException {
        var text = "id,name\n1,Zoë\n2,日本\n";
        var bytes = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));

        var prepared = prepare(write("utf16be.csv", bytes), "utf16be.csv");

        assertThat(Files.readString(prepared.file(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(prepared.headers()).containsExactly("id", "name");
    }

    @Test
    void windows1252IsRecognisedAndReEncoded() throws IOException {
        // "café" with é as the single byte 0xE9 and "€" as 0x80: neither is valid UTF-8.
        var bytes = concat(
                utf8("id,item,price\n1,caf"),
                new byte[] {(byte) 0xE9},
                utf8(",3 "),
                new byte[] {(byte) 0x80},
                utf8("\n"));

        var prepared = prepare(write("cp1252.csv", bytes), "cp1252.csv");

        assertThat(prepared.notes()).contains("decoded from Windows-1252");
        assertThat(Files.readString(prepared.file(), StandardCharsets.UTF_8)).isEqualTo("id,item,price\n1,café,3 €\n");
    }

    @Test
    void windows1252WithALetterBeforeACurlyQuoteIsNotMistakenForBrokenUtf8() throws IOException {
        // "Café’s" in Windows-1252 is 43 61 66 E9 92 73: E9 followed by a byte in 80..BF, which starts a
        // UTF-8 sequence but never finishes one (E9 needs two continuation bytes).
        var text = "id,shop\n1,Café’s corner\n2,Crème brûlée — 5 €\n";
        var bytes = text.getBytes(Charset.forName("windows-1252"));

        var prepared = prepare(write("shops.csv", bytes), "shops.csv");

        assertThat(prepared.notes()).contains("decoded from Windows-1252");
        assertThat(Files.readString(prepared.file(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void utf8MixedWithOtherBytesIsRefused() throws IOException {
        var bytes = concat(utf8("id,name\n1,Zoë\n2,caf"), new byte[] {(byte) 0xE9}, utf8("\n"));

        assertRejected(write("mixed.csv", bytes), "mixed.csv", "mixes UTF-8 with bytes that are not UTF-8");
    }

    @Test
    void aBinaryFileNamedCsvIsRefused() throws IOException {
        var bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        bytes[10] = 0;

        assertRejected(write("photo.csv", bytes), "photo.csv", "binary file");
    }

    // --- delimiters ------------------------------------------------------------------------------------------------

    @Test
    void semicolonsTabsAndPipesAreSniffed() throws IOException {
        for (char delimiter : new char[] {';', '\t', '|'}) {
            var d = String.valueOf(delimiter);
            // Commas inside the values must not win over the real delimiter.
            var text = String.join(d, "id", "name", "amount") + "\n"
                    + String.join(d, "1", "Smith, Ann", "1,5") + "\n"
                    + String.join(d, "2", "Lee, Bo", "2,5") + "\n";

            var prepared = prepare(write("sniff.txt", utf8(text)), "data.txt");

            assertThat(prepared.delimiter()).as("delimiter %s", d).isEqualTo(delimiter);
            assertThat(prepared.headers()).as("delimiter %s", d).containsExactly("id", "name", "amount");
        }
    }

    @Test
    void aTsvFileIsTabSeparatedByItsName() throws IOException {
        // One column and commas in the values: sniffing alone would guess a comma.
        var prepared = prepare(write("notes.tsv", utf8("note\na, b\nc, d\n")), "notes.tsv");

        assertThat(prepared.delimiter()).isEqualTo('\t');
        assertThat(prepared.headers()).containsExactly("note");
    }

    // --- gzip ------------------------------------------------------------------------------------------------------

    @Test
    void gzipIsUnpacked() throws IOException {
        var text = "id,name\n1,Zoë\n2,Ann\n";
        var upload = write("data.csv.gz", gzip(out -> out.write(utf8(text))));

        var prepared = prepare(upload, "data.csv.gz");

        assertThat(prepared.notes()).contains("unpacked from gzip");
        assertThat(Files.readString(prepared.file())).isEqualTo(text);
        assertThat(prepared.headers()).containsExactly("id", "name");
    }

    @Test
    void aGzippedTsvKeepsItsTabs() throws IOException {
        var upload = write("notes.tsv.gz", gzip(out -> out.write(utf8("note\na, b\n"))));

        assertThat(prepare(upload, "notes.tsv.gz").delimiter()).isEqualTo('\t');
    }

    @Test
    void aGzipBombIsRefusedByItsCompressionRatio() throws IOException {
        // 50 MB of zeros pack to about 50 KB: a ratio near 1000, far above the 100 allowed.
        var bomb = write("bomb.csv.gz", gzip(out -> {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                out.write(zeros);
            }
        }));
        assertThat(Files.size(bomb)).isLessThan(200_000);

        assertRejected(bomb, "bomb.csv.gz", "compression bomb");
        assertThat(Files.size(dir.resolve("work/unpacked")))
                .as("stops writing at the limit")
                .isLessThanOrEqualTo(Files.size(bomb) * 100);
    }

    @Test
    void aGzipFileIsRefusedBeyondTheUncompressedLimitWhateverItsRatio() throws IOException {
        var limits = new IngestLimits(1 << 20, 1_000_000, 1000, 4 << 20);
        var rows = new StringBuilder("id,text\n");
        for (int i = 0; rows.length() < 3 << 20; i++) {
            rows.append(i).append(",some text that repeats\n");
        }
        var upload = write("big.csv.gz", gzip(out -> out.write(utf8(rows.toString()))));

        assertThatThrownBy(() -> new SourcePreparer(limits).prepare(upload, "big.csv.gz", dir.resolve("work"), null))
                .isInstanceOf(RejectedSourceException.class)
                .hasMessageContaining("unpacks to more than 1048576 bytes");
    }

    @Test
    void aCutOffGzipFileIsRefused() throws IOException {
        var whole = gzip(out -> out.write(utf8("id,name\n1,a\n".repeat(1000))));
        var cut = java.util.Arrays.copyOf(whole, whole.length / 2);

        assertRejected(write("cut.csv.gz", cut), "cut.csv.gz", "damaged or cut off");
    }

    // --- XLSX ------------------------------------------------------------------------------------------------------

    @Test
    void theFirstSheetOfAWorkbookIsRead() throws IOException {
        var upload = workbook("book.xlsx", wb -> {
            var first = wb.createSheet("Claims");
            row(first, 0, "claim_id", "amount", "note");
            row(first, 1, "C-1", 12.5, "with, comma");
            row(first, 2, "C-2", 3, "say \"hi\"");
            row(wb.createSheet("Other"), 0, "x");
        });

        var prepared = prepare(upload, "book.xlsx");

        assertThat(prepared.format()).isEqualTo(SourceFormat.XLSX);
        assertThat(prepared.headers()).containsExactly("claim_id", "amount", "note");
        assertThat(prepared.notes()).contains("read from the Excel sheet 'Claims'");
        assertThat(Files.readAllLines(prepared.file()))
                .containsExactly("claim_id,amount,note", "C-1,12.5,\"with, comma\"", "C-2,3,\"say \"\"hi\"\"\"");
    }

    @Test
    void aChosenSheetIsReadByName() throws IOException {
        var upload = workbook("book.xlsx", wb -> {
            row(wb.createSheet("Summary"), 0, "total");
            var members = wb.createSheet("Members");
            row(members, 0, "member_id", "plan");
            row(members, 1, "M1", "gold");
        });

        var prepared = preparer.prepare(upload, "book.xlsx", dir.resolve("work"), "Members");

        assertThat(prepared.headers()).containsExactly("member_id", "plan");
        assertThat(prepared.notes()).contains("read from the Excel sheet 'Members'");
    }

    @Test
    void aMissingSheetIsRefusedNamingTheSheetsThereAre() throws IOException {
        var upload = workbook("book.xlsx", wb -> {
            row(wb.createSheet("Summary"), 0, "total");
            row(wb.createSheet("Members"), 0, "member_id");
        });

        assertThatThrownBy(() -> preparer.prepare(upload, "book.xlsx", dir.resolve("work"), "Claims"))
                .isInstanceOf(RejectedSourceException.class)
                .hasMessageContaining("no sheet named 'Claims'")
                .hasMessageContaining("Summary")
                .hasMessageContaining("Members");
    }

    @Test
    void emptyTrailingCellsOfASheetRowStillMakeAFullRecord() throws IOException {
        var upload = workbook("book.xlsx", wb -> {
            var sheet = wb.createSheet("Data");
            row(sheet, 0, "id", "name", "note");
            row(sheet, 1, "1", "Ann");
            row(sheet, 2, "2", "Bo", "late");
        });

        var prepared = prepare(upload, "book.xlsx");

        assertThat(Files.readAllLines(prepared.file())).containsExactly("id,name,note", "1,Ann,", "2,Bo,late");
    }

    @Test
    void anXlsxZipBombIsRefused() throws IOException {
        // A real workbook from POI whose sheet is then swapped for one holding a 20 MB run of one letter: it packs to
        // some 20 KB, a ratio near 1000. Real sheets deflate 5 to 20 times (POI's own 20,000-row sheet of repeated
        // cells: about 16), so the default limit of 100 lets them through. POI's ZipSecureFile guard trips while the
        // sheet streams, long before the 20 MB are in memory.
        var plain = workbook("plain.xlsx", wb -> row(wb.createSheet("Data"), 0, "a"));
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + "A".repeat(20 << 20) + "</t></is></c></row>"
                + "</sheetData></worksheet>";
        var bomb = dir.resolve("bomb.xlsx");
        try (var in = new java.util.zip.ZipFile(plain.toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(bomb))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write(utf8(sheet));
                } else {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertThat(Files.size(bomb)).isLessThan(100_000);

        assertRejected(bomb, "bomb.xlsx", "zip bomb");
    }

    @Test
    void anXlsxSheetBeyondTheUncompressedLimitIsRefused() throws IOException {
        var upload = workbook("big.xlsx", wb -> {
            var sheet = wb.createSheet("Data");
            for (int r = 0; r < 5_000; r++) {
                row(sheet, r, "value " + r, "other " + r);
            }
        });
        var limits = new IngestLimits(64 * 1024, 1_000_000, 1000, 4 << 20);

        assertThatThrownBy(() -> new SourcePreparer(limits).prepare(upload, "big.xlsx", dir.resolve("work"), null))
                .isInstanceOf(RejectedSourceException.class)
                .hasMessageContaining("zip bomb");
    }

    @Test
    void aZipThatIsNotAWorkbookIsRefused() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write(utf8("hello"));
            zip.closeEntry();
        }

        assertRejected(write("archive.csv", bytes.toByteArray()), "archive.csv", "not a readable Excel workbook");
    }

    @Test
    void aSheetWithTooManyColumnsIsRefused() throws IOException {
        var upload = workbook("wide.xlsx", wb -> {
            var headers = new Object[20];
            for (int i = 0; i < headers.length; i++) {
                headers[i] = "c" + i;
            }
            row(wb.createSheet("Data"), 0, headers);
        });
        var limits = new IngestLimits(100L << 20, 100, 10, 4 << 20);

        assertThatThrownBy(() -> new SourcePreparer(limits).prepare(upload, "wide.xlsx", dir.resolve("work"), null))
                .isInstanceOf(RejectedSourceException.class)
                .hasMessageContaining("more than 10 columns");
    }

    // --- JSON Lines ------------------------------------------------------------------------------------------------

    @Test
    void jsonLinesBecomeRecordsWithNestedValuesAsJsonText() throws IOException {
        var text =
                """
                {"id": 1, "name": "Ann", "tags": ["a", "b"], "address": {"city": "Oslo"}}
                {"id": 2, "name": "Bo, Jr.", "extra": true}

                {"id": 3, "name": null}
                """;

        var prepared = prepare(write("people.jsonl", utf8(text)), "people.jsonl");

        assertThat(prepared.format()).isEqualTo(SourceFormat.JSON_LINES);
        assertThat(prepared.headers()).containsExactly("id", "name", "tags", "address", "extra");
        assertThat(prepared.problems()).isEmpty();
        assertThat(Files.readAllLines(prepared.file()))
                .containsExactly(
                        "id,name,tags,address,extra",
                        "1,Ann,\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"city\"\":\"\"Oslo\"\"}\",",
                        "2,\"Bo, Jr.\",,,true",
                        "3,,,,");
    }

    @Test
    void aMalformedJsonLineIsAProblemWithItsLineNumber() throws IOException {
        var text =
                """
                {"id": 1, "name": "Ann"}
                {"id": 2, "name": "Bo"
                [1, 2, 3]
                {"id": 4, "name": "Cy"}
                """;

        var prepared = prepare(write("broken.jsonl", utf8(text)), "broken.jsonl");

        assertThat(prepared.problems())
                .extracting(SourceProblem::line, SourceProblem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "not a JSON object"),
                        org.assertj.core.groups.Tuple.tuple(3L, "not a JSON object"));
        assertThat(prepared.problems().getFirst().text()).isEqualTo("{\"id\": 2, \"name\": \"Bo\"");
        assertThat(Files.readAllLines(prepared.file())).containsExactly("id,name", "1,Ann", "4,Cy");
    }

    @Test
    void jsonLinesWithoutAnyObjectAreRefused() throws IOException {
        assertRejected(write("junk.jsonl", utf8("{not json\n{\"\n")), "junk.jsonl", "No line of the file is a JSON");
    }

    // --- refused structure -----------------------------------------------------------------------------------------

    @Test
    void anEmptyFileIsRefused() throws IOException {
        assertRejected(write("empty.csv", new byte[0]), "empty.csv", "The file is empty.");
    }

    @Test
    void anEmptyGzipIsRefused() throws IOException {
        assertRejected(write("empty.csv.gz", gzip(out -> {})), "empty.csv.gz", "empty once unpacked");
    }

    @Test
    void aHeaderWithoutRowsIsRefused() throws IOException {
        assertRejected(write("header.csv", utf8("id,name,amount\n")), "header.csv", "a header but no rows");
        assertRejected(write("header2.csv", utf8("id,name,amount\n\n\n")), "header2.csv", "a header but no rows");
    }

    @Test
    void aBlankFirstLineIsRefused() throws IOException {
        assertRejected(write("blank.csv", utf8("\nid,name\n1,a\n")), "blank.csv", "The first line is blank");
    }

    @Test
    void duplicateColumnNamesAreRefusedWhateverTheirCase() throws IOException {
        assertRejected(
                write("dup.csv", utf8("id,Name,amount,name \n1,a,2,b\n")),
                "dup.csv",
                "The column name 'name' appears twice (columns 2 and 4)");
    }

    @Test
    void aBlankColumnNameIsRefused() throws IOException {
        assertRejected(write("blankcol.csv", utf8("id,,amount\n1,a,2\n")), "blankcol.csv", "Column 2 has no name");
        assertRejected(write("spacecol.csv", utf8("id,amount,  \n1,2,3\n")), "spacecol.csv", "Column 3 has no name");
    }

    @Test
    void tooManyColumnsAreRefused() throws IOException {
        var header = new StringBuilder("c0");
        var row = new StringBuilder("0");
        for (int i = 1; i < 5000; i++) {
            header.append(",c").append(i);
            row.append(",").append(i);
        }

        assertRejected(
                write("wide.csv", utf8(header + "\n" + row + "\n")),
                "wide.csv",
                "The file has 5000 columns; at most 1000 are supported.");
    }

    @Test
    void aSingleLineBeyondTheLineLimitIsRefused() throws IOException {
        var limits = new IngestLimits(100L << 20, 100, 1000, 512 * 1024);
        var upload = write("long.csv", utf8("x".repeat(1 << 20)));

        assertThatThrownBy(() -> new SourcePreparer(limits).prepare(upload, "long.csv", dir.resolve("work"), null))
                .isInstanceOf(RejectedSourceException.class)
                .hasMessageContaining("A line is longer than 524288 characters");
    }

    @Test
    void aSingleOneMegabyteLineWithinTheLimitIsAHeaderWithoutRows() throws IOException {
        assertRejected(write("oneline.csv", utf8("x".repeat(1 << 20))), "oneline.csv", "a header but no rows");
    }

    @Test
    void anUnclosedQuoteInTheHeaderIsRefused() throws IOException {
        assertRejected(write("quote.csv", utf8("id,\"name\n1,a\n")), "quote.csv", "never closed");
    }

    @Test
    void anUnclosedQuoteInTheFirstRowIsLeftToRowValidation() throws IOException {
        // The header is fine; the broken row is DuckDB's to reject with its line, not a reason to refuse the file.
        var prepared = prepare(write("quote.csv", utf8("id,name\n1,\"open\n2,b\n")), "quote.csv");

        assertThat(prepared.headers()).containsExactly("id", "name");
    }

    // --- where records are --------------------------------------------------------------------------------------

    @Test
    void aPlainFileMapsEveryRecordToTheNextLine() throws IOException {
        var prepared = prepare(write("plain.csv", utf8("id,name\n1,a\n2,b\n3,c\n")), "plain.csv");

        assertThat(Files.readAllLines(prepared.lineMap())).containsExactly(LineMap.HEADER, "1,2,2");
    }

    @Test
    void blankLinesAndLineBreaksInsideQuotesMoveTheLines() throws IOException {
        // Physical lines: 1 header, 2-4 record 1 (two breaks inside quotes), 5 blank, 6 record 2, 7 record 3 (CRLF),
        // 8 blank, 9 record 4 with a doubled quote and a break inside quotes, 11 record 5.
        var text = "id,note\n1,\"a\nb\nc\"\n\n2,x\n3,y\r\n\r\n4,\"say \"\"hi\"\"\nbye\"\n5,z\n";

        var prepared = prepare(write("lines.csv", utf8(text)), "lines.csv");

        // DuckDB counts blank lines but not breaks inside quotes; the upload's lines count both.
        assertThat(Files.readAllLines(prepared.lineMap()))
                .containsExactly(LineMap.HEADER, "1,2,2", "2,4,6", "4,7,9", "5,8,11");
    }

    @Test
    void aQuoteInsideAnUnquotedValueOpensNothing() throws IOException {
        var prepared = prepare(write("inches.csv", utf8("id,size\n1,5\" screen\n2,7\" pad\n")), "inches.csv");

        assertThat(Files.readAllLines(prepared.lineMap())).containsExactly(LineMap.HEADER, "1,2,2");
    }

    @Test
    void jsonLinesMapRecordsToTheirOwnLines() throws IOException {
        var text = "{\"a\": \"x\\ny\"}\n\nnot json\n{\"a\": 2}\n{\"a\": 3}\n";

        var prepared = prepare(write("records.jsonl", utf8(text)), "records.jsonl");

        assertThat(Files.readAllLines(prepared.lineMap())).containsExactly(LineMap.HEADER, "1,2,1", "2,3,4");
    }

    @Test
    void sheetsMapRecordsToTheirRowNumbers() throws IOException {
        var upload = workbook("rows.xlsx", wb -> {
            var sheet = wb.createSheet("Data");
            row(sheet, 2, "id");
            row(sheet, 3, "1");
            row(sheet, 6, "2");
            row(sheet, 7, "3");
        });

        var prepared = prepare(upload, "rows.xlsx");

        assertThat(Files.readAllLines(prepared.lineMap())).containsExactly(LineMap.HEADER, "1,2,4", "2,3,7");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private PreparedSource prepare(Path upload, String name) {
        var prepared = preparer.prepare(upload, name, dir.resolve("work"), null);
        // As the processor does before the work folder goes: the line map's scan runs on.
        prepared.finishLineMap();
        return prepared;
    }

    private void assertRejected(Path upload, String name, String message) {
        assertThatThrownBy(() -> prepare(upload, name))
                .isInstanceOf(RejectedSourceException.class)
                .hasMessageContaining(message);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] gzip(Content content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            content.write(out);
        }
        return bytes.toByteArray();
    }

    private Path workbook(String name, Consumer<XSSFWorkbook> content) throws IOException {
        try (var wb = new XSSFWorkbook();
                var out = Files.newOutputStream(dir.resolve(name))) {
            content.accept(wb);
            wb.write(out);
        }
        return dir.resolve(name);
    }

    private static void row(org.apache.poi.ss.usermodel.Sheet sheet, int index, Object... values) {
        var row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            var cell = row.createCell(i);
            if (values[i] instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else {
                cell.setCellValue(String.valueOf(values[i]));
            }
        }
    }
}
