package io.tabsynth.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's JSON file that is missing, empty or malformed is an error naming the file and the place. */
class JsonInputTest {
    @TempDir
    Path dir;

    private String error(Path file) {
        return assertThrows(BadInputException.class, () -> JsonInput.read(file, "policy")).getMessage();
    }

    @Test
    void errorsNameTheFileTheLineAndTheColumnWithoutTheParsersInternals() throws Exception {
        assertEquals(dir.resolve("none.json") + ": file not found", error(dir.resolve("none.json")));
        assertEquals(dir.resolve("e.json") + ": is empty (expected a policy)", error(Files.writeString(dir.resolve("e.json"), " \n")));
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"checks\": [\n");
        assertEquals(broken + ": not valid JSON at line 2, column 1: Unexpected end-of-input: expected close marker for "
                + "Array (start marker at [line: 1, column: 12]) (expected a policy)", error(broken));
        Path good = Files.writeString(dir.resolve("g.json"), "{\"checks\": []}");
        assertEquals(0, JsonInput.read(good, "policy").path("checks").size());
    }
}
