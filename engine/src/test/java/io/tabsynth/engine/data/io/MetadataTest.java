package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path p = dir.resolve("meta.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void acceptsSdvMetadata() throws Exception {
        Metadata m = Metadata.read(write("{\"columns\":{\"age\":{\"sdtype\":\"numerical\"},\"id\":{\"sdtype\":\"id\"},"
                + "\"day\":{\"sdtype\":\"datetime\",\"datetime_format\":\"%d/%m/%Y\"}}}"));
        assertEquals(ColumnKind.CONTINUOUS, m.override("age").kind());
        assertEquals(ColumnKind.IDENTIFIER, m.override("id").kind());
        assertEquals("dd/MM/yyyy", m.override("day").format());
    }

    @Test
    void errorsNameTheFileAndField() throws Exception {
        Path bad = write("{\"columns\": {\"a\": {\"kind\": \"decimal\"}}}");
        String msg = assertThrows(BadInputException.class, () -> Metadata.read(bad)).getMessage();
        assertTrue(msg.startsWith(bad + ": column 'a': unknown column kind 'decimal'"), msg);
        Path broken = write("{\n \"columns\": {,}\n}");
        msg = assertThrows(BadInputException.class, () -> Metadata.read(broken)).getMessage();
        assertTrue(msg.startsWith(broken + ": not valid JSON at line 2"), msg);
    }

    @Test
    void unknownColumnIsNamed() throws Exception {
        Path p = write("{\"columns\": {\"nope\": {\"kind\": \"integer\"}}}");
        Metadata m = Metadata.read(p);
        String msg = assertThrows(BadInputException.class, () -> CsvReader.parse("d.csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8), ',', m)).getMessage();
        assertTrue(msg.startsWith(p + ": column 'nope' is not in d.csv"), msg);
    }

    @Test
    void aColumnMayListItsOwnMissingValues() throws Exception {
        Path p = write("{\"columns\": {\"score\": {\"kind\": \"continuous\", \"missingValues\": [\"refused\", -1]}}}");
        Metadata m = Metadata.read(p);
        assertEquals(java.util.List.of("-1", "refused"), m.override("score").missingValues());
        Frame f = CsvReader.parse("d.csv", "score,other\n2.5,refused\nrefused,x\n-1,-1\n".getBytes(StandardCharsets.UTF_8), ',', m);
        assertEquals(2.0 / 3, f.missingRate("score"), 1e-12);
        assertEquals("refused", f.strings("other").get(0), "other columns keep the text");
        Path bad = write("{\"columns\": {\"score\": {\"kind\": \"continuous\", \"missingValues\": \"refused\"}}}");
        String msg = assertThrows(BadInputException.class, () -> Metadata.read(bad)).getMessage();
        assertEquals(bad + ": column 'score': \"missingValues\" must be an array of strings", msg);
    }

    @Test
    void boundsAndCategoriesAreDeclaredPublic() throws Exception {
        Metadata m = Metadata.read(write("{\"columns\": {\"age\": {\"kind\": \"integer\", \"bounds\": [0, 120]},"
                + " \"sex\": {\"kind\": \"categorical\", \"categories\": [\"F\", \"M\"]},"
                + " \"city\": {\"kind\": \"categorical\"}}}"));
        assertEquals(0, m.domains().get("age").low());
        assertEquals(120, m.domains().get("age").high());
        assertEquals(java.util.List.of("F", "M"), m.domains().get("sex").categories());
        assertEquals(java.util.Set.of("age", "sex"), m.domains().keySet(), "a column without either declares nothing");
    }

    @Test
    void badDeclaredDomainsAreNamedWithTheirFileAndColumn() throws Exception {
        String[][] cases = {
                {"{\"kind\": \"integer\", \"bounds\": [120, 0]}", "column 'c': \"bounds\" must be two numbers, low below high, such as [0, 120], not [120,0]"},
                {"{\"kind\": \"integer\", \"bounds\": [0]}", "column 'c': \"bounds\" must be two numbers"},
                {"{\"kind\": \"categorical\", \"bounds\": [0, 1]}", "column 'c': \"bounds\" are declared for continuous and integer columns, not categorical"},
                {"{\"kind\": \"integer\", \"categories\": [\"a\"]}", "column 'c': \"categories\" are declared for categorical columns, not integer"},
                {"{\"kind\": \"categorical\", \"categories\": []}", "column 'c': \"categories\" must be a non-empty array"},
                {"{\"kind\": \"categorical\", \"categories\": [\"a\", \"a\"]}", "column 'c': category 'a' is declared twice"},
        };
        for (String[] c : cases) {
            Path p = write("{\"columns\": {\"c\": " + c[0] + "}}");
            String msg = assertThrows(BadInputException.class, () -> Metadata.read(p), c[0]).getMessage();
            assertTrue(msg.startsWith(p + ": " + c[1]), msg);
        }
    }
}
