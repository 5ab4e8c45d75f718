package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Frame parse(String text) {
        return CsvReader.parse("t.csv", text.getBytes(StandardCharsets.UTF_8), ',', Metadata.NONE);
    }

    private String error(String text) {
        return assertThrows(BadInputException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsQuotesLineBreaksCrLfBomAndUnicode() {
        Frame f = parse("\uFEFFname,note\r\n\"a, b\",\"say \"\"hi\"\"\"\r\nZürich,\"two\nlines\"\r\n");
        assertEquals(2, f.rowCount());
        assertEquals("a, b", f.strings("name").get(0));
        assertEquals("say \"hi\"", f.strings("note").get(0));
        assertEquals("Zürich", f.strings("name").get(1));
        assertEquals("two\nlines", f.strings("note").get(1));
    }

    @Test
    void keepsSpacesInTextAndTrimsNumbers() {
        Frame f = parse("age,workclass\n 39, State-gov\n50, Self-emp\n");
        assertEquals(ColumnKind.INTEGER, f.schema().column("age").kind());
        assertEquals(39, f.longs("age").getLong(0));
        assertEquals(" State-gov", f.strings("workclass").get(0));
    }

    @Test
    void aNumberBeyondTheRangeOfDoublesIsAnErrorNotInfinity() {
        assertTrue(error("x\n1.5\n-2e400\n").startsWith("t.csv, row 2, column 'x': '-2e400' is not a number within ±1.8e308"));
    }

    @Test
    void emptyFile() {
        assertTrue(error("").contains("t.csv: the file is empty"));
        assertTrue(error("\n\n").contains("empty"));
    }

    @Test
    void headerOnly() {
        assertEquals("t.csv: has a header but no data rows", error("a,b\n"));
    }

    @Test
    void raggedRowNamesRowLineAndCounts() {
        assertEquals("t.csv, row 2 (line 3): has 3 fields, the header has 2", error("a,b\n1,2\n3,4,5\n"));
        assertEquals("t.csv, row 1 (line 2): has 1 fields, the header has 2", error("a,b\n1\n"));
    }

    @Test
    void aSpreadsheetsSemicolonExportIsReadWithItsDecimalCommas() {
        // as Excel saves "CSV" where the comma is the decimal separator; before, an error with a hint
        Frame f = parse("name;amount;visits;code;city\nanna;1,5;1.200;007;Bath\nbob;-1.234,25;950;012;\"York; North\"\n"
                + "carl;n/a;3;100;Leeds\n");
        assertEquals(java.util.List.of("name", "amount", "visits", "code", "city"), f.schema().names());
        assertEquals(ColumnKind.CONTINUOUS, f.schema().column("amount").kind());
        assertEquals(1.5, f.numbers("amount")[0]);
        assertEquals(-1234.25, f.numbers("amount")[1]);
        assertTrue(Double.isNaN(f.numbers("amount")[2]), "a placeholder is missing, as in any number column");
        // a column without a single comma keeps its points as decimal points (1.200 is 1.2, not 1200)
        assertEquals(1.2, f.numbers("visits")[0]);
        assertEquals("York; North", f.strings("city").get(1));
        assertEquals(2, parse("name;amount\nanna;15\nbob;20\n").schema().size());
        // a column the metadata makes categorical keeps its text as written
        Frame codes = CsvReader.parse("t.csv", "code;amount\n1,5;2,5\n2,25;3\n".getBytes(StandardCharsets.UTF_8), ',',
                new Metadata(java.util.Map.of("code", ColumnSpec.of("code", ColumnKind.CATEGORICAL)), MissingValues.DEFAULT, null));
        assertEquals("1,5", codes.strings("code").get(0));
        assertEquals(2.5, codes.numbers("amount")[0]);
    }

    @Test
    void aFileSeparatedByAnotherCharacterGetsAHint() {
        assertTrue(error("name\tamount\nanna\t1,5\n").endsWith("separate fields with tabs, but .csv files use commas; "
                + "save it with commas and '.' as the decimal point, or name it .tsv)"));
        String tsv = assertThrows(BadInputException.class, () -> CsvReader.parse("t.tsv",
                "a,b\n1\t2\n".getBytes(StandardCharsets.UTF_8), '\t', Metadata.NONE)).getMessage();
        assertTrue(tsv.endsWith("separate fields with ',', but .tsv files use tabs; save it with tabs)"), tsv);
        assertTrue(error("name|amount\nanna|15\nbob|20\n").startsWith("t.csv: every line is one field (the header is one "
                + "field, 'name|amount': this file seems to separate fields with '|'"));
        assertEquals(2, parse("step;note\nsee a;b\nplain\n").rowCount(), "a ';' only in some lines is data");
    }

    @Test
    void duplicateAndBlankColumnNames() {
        assertEquals("t.csv, header: column name 'a' appears twice (columns 1 and 3)", error("a,b,a\n1,2,3\n"));
        assertEquals("t.csv, header: column 2 has a blank name", error("a, ,c\n1,2,3\n"));
        // tables look names up regardless of case and without the spaces around them: these were internal errors
        assertEquals("t.csv, header: columns 1 ('Name') and 2 ('name') have the same name to tabsynth, which ignores"
                + " case and the spaces around a name: rename one", error("Name,name\na,b\n"));
        assertEquals("t.csv, header: columns 1 ('a') and 2 (' a ') have the same name to tabsynth, which ignores"
                + " case and the spaces around a name: rename one", error("a, a \n1,2\n"));
    }

    @Test
    void spacesAroundAColumnNameAreNotPartOfIt() {
        Frame f = parse(" lead,b , c\n1,x,2.5\n2,y,3.5\n");
        assertEquals(java.util.List.of("lead", "b", "c"), f.schema().names());
        assertEquals(2L, f.longs("lead").get(1));
    }

    @Test
    void undecodableBytesNameLineAndField() {
        byte[] bytes = "a,b\n1,x\n2,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3;
        bad[bytes.length + 1] = (byte) 0x28;
        String msg = assertThrows(BadInputException.class,
                () -> CsvReader.parse("t.csv", bad, ',', Metadata.NONE)).getMessage();
        assertTrue(msg.startsWith("t.csv, line 3, column 'b': bytes at offset 10 are not valid UTF-8"), msg);
        byte[] inHeader = {'a', ',', (byte) 0xFF, '\n', '1', ',', '2', '\n'};
        msg = assertThrows(BadInputException.class, () -> CsvReader.parse("t.csv", inHeader, ',', Metadata.NONE)).getMessage();
        assertTrue(msg.startsWith("t.csv, line 1, field 2: bytes at offset 2 are not valid UTF-8"), msg);
    }

    @Test
    void unclosedQuote() {
        assertEquals("t.csv, line 3: a quoted field is never closed", error("a,b\n1,2\n3,\"oops\n4,5\n"));
    }

    @Test
    void missingFileIsNamed() {
        Path p = dir.resolve("nope.csv");
        assertEquals(p + ": file not found", assertThrows(BadInputException.class,
                () -> CsvReader.read(p, Metadata.NONE)).getMessage());
    }

    @Test
    void missingValuesInEveryKind() {
        Frame f = parse("i,d,b,t,c\n1,1.5,true,2024-01-02,x\n,NA,,,\n3,NaN,false,null,y\n");
        assertEquals(ColumnKind.INTEGER, f.schema().column("i").kind());
        assertEquals(ColumnKind.CONTINUOUS, f.schema().column("d").kind());
        assertEquals(ColumnKind.BOOLEAN, f.schema().column("b").kind());
        assertEquals(ColumnKind.DATETIME, f.schema().column("t").kind());
        assertEquals(ColumnKind.CATEGORICAL, f.schema().column("c").kind());
        for (int c = 0; c < 5; c++) {
            assertTrue(f.isMissing(c, 1), "row 2 of column " + c + " is missing");
        }
        assertTrue(f.isMissing(1, 2) && f.isMissing(3, 2));
    }

    @Test
    void metadataForcesKindsAndNamesTheBadCell() throws Exception {
        Path meta = dir.resolve("meta.json");
        Files.writeString(meta, "{\"columns\":{\"zip\":{\"kind\":\"categorical\"},\"n\":{\"kind\":\"integer\"}},"
                + "\"missingValues\":[\"\",\" ?\"]}");
        Metadata m = Metadata.read(meta);
        Frame f = CsvReader.parse("t.csv", "zip,n,w\n01234,5, ?\n99999,6, x\n".getBytes(StandardCharsets.UTF_8), ',', m);
        assertEquals(ColumnKind.CATEGORICAL, f.schema().column("zip").kind());
        assertEquals("01234", f.strings("zip").get(0), "leading zero kept when forced to text");
        assertTrue(f.isMissing(2, 0), "' ?' is missing by the metadata");
        String msg = assertThrows(BadInputException.class, () -> CsvReader.parse("t.csv",
                "zip,n\n1,5\n2,abc\n".getBytes(StandardCharsets.UTF_8), ',', m)).getMessage();
        assertEquals("t.csv, row 2, column 'n': 'abc' is not a whole number (the column is integer; a metadata file's "
                + "\"missingValues\" can list the texts that mean missing)", msg);
    }

    @Test
    void readsTabSeparatedFiles() throws Exception {
        Path tsv = dir.resolve("x.tsv");
        Files.writeString(tsv, "a\tb\n1\thello, world\n");
        Frame f = CsvReader.read(tsv, Metadata.NONE);
        assertEquals("hello, world", f.strings("b").get(0));
    }
}
