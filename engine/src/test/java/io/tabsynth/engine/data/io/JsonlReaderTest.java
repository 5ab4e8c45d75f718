package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines read as the same frame CSV gives, with missing keys and nulls as missing cells, and clear errors. */
class JsonlReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheSameFrameAsTheSameRowsInCsv() throws IOException {
        Path jsonl = write("d.jsonl", """
                {"age":31,"income":52000.5,"city":"Zürich","member":true,"joined":"2024-01-31"}
                {"age":null,"income":1.5E4,"city":"a, b","member":false,"joined":null}
                {"age":47,"city":null,"member":true,"joined":"2023-12-01","extra":"late key"}
                """);
        Path csv = write("d.csv", """
                age,income,city,member,joined,extra
                31,52000.5,Zürich,true,2024-01-31,
                ,1.5E4,"a, b",false,,
                47,,,true,2023-12-01,late key
                """);
        Frame a = FrameReader.read(jsonl);
        Frame b = FrameReader.read(csv);
        assertEquals(b.schema(), a.schema());
        assertEquals(List.of("age", "income", "city", "member", "joined", "extra"), a.schema().names());
        assertEquals(ColumnKind.INTEGER, a.schema().column("age").kind());
        assertEquals(ColumnKind.BOOLEAN, a.schema().column("member").kind());
        assertEquals(new ColumnSpec("joined", ColumnKind.DATETIME, "yyyy-MM-dd"), a.schema().column("joined"));
        for (int c = 0; c < a.columnCount(); c++) {
            assertEquals(b.column(c).asList(), a.column(c).asList(), a.schema().column(c).name());
        }
        assertTrue(a.isMissing(2, 2) && a.isMissing(1, 2), "null and an absent key are missing");
        assertEquals(ContentDigest.of(b), ContentDigest.of(a), "the same data in either format: one content digest");
    }

    @Test
    void badLinesAreNamed() throws IOException {
        assertEquals(dir.resolve("n.jsonl") + ", line 2: 'tags' holds an array; only flat values can be columns",
                error(write("n.jsonl", "{\"a\":1}\n{\"a\":2,\"tags\":[1,2]}\n")));
        assertEquals(dir.resolve("s.jsonl") + ", line 1: not a JSON object", error(write("s.jsonl", "[1,2]\n")));
        assertEquals(dir.resolve("t.jsonl") + ", line 1: key 'a' appears twice", error(write("t.jsonl", "{\"a\":1,\"a\":2}\n")));
        assertTrue(error(write("u.jsonl", "{\"a\":1}\n{\"a\":\n")).startsWith(dir.resolve("u.jsonl") + ", line 3: not valid JSON"));
        assertEquals(dir.resolve("e.jsonl") + ": the file has no rows", error(write("e.jsonl", "\n")));
        assertEquals(dir.resolve("x.jsonl") + ": file not found", error(dir.resolve("x.jsonl")));
    }

    private static String error(Path file) {
        return assertThrows(BadInputException.class, () -> FrameReader.read(file)).getMessage();
    }
}
