package dev.foresight.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvWriterTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "=1+1|'=1+1",
                "+41 44 000|'+41 44 000",
                "-2+3|'-2+3",
                "@SUM(A1:A9)|'@SUM(A1:A9)",
                "plain|plain",
                "a=b|a=b",
                "'quoted|'quoted"
            })
    void cellsThatWouldRunAsFormulasGetAnApostrophe(String value, String cell) {
        assertThat(CsvWriter.cell(value)).isEqualTo(cell);
    }

    @Test
    void tabsAndCarriageReturnsAtTheStartAreDefusedToo() {
        assertThat(CsvWriter.cell("\t=cmd")).isEqualTo("'\t=cmd");
        assertThat(CsvWriter.cell("\r=cmd")).isEqualTo("\"'\r=cmd\"");
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://evil.example\",\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    }

    @Test
    void nullIsEmptyAndOtherValuesAreTheirText() {
        assertThat(CsvWriter.cell(null)).isEmpty();
        assertThat(CsvWriter.cell("")).isEmpty();
        assertThat(CsvWriter.cell(42)).isEqualTo("42");
        assertThat(CsvWriter.cell(-42)).isEqualTo("'-42");
    }

    @Test
    void rowsAreCommaSeparatedAndEndWithCrLf() {
        var out = new StringWriter();

        new CsvWriter(out).row(List.of("a", "b,c", "=d")).row(Arrays.asList(null, 1, "e"));

        assertThat(out).hasToString("a,\"b,c\",'=d\r\n,1,e\r\n");
    }
}
