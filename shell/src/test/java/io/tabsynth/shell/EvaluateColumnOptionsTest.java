package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every column-naming option of evaluate must name a column of the real data, holdout or not. */
class EvaluateColumnOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aMisspeltColumnIsAnErrorWithASuggestion() throws Exception {
        StringBuilder csv = new StringBuilder("age,income,sex,zip,band\n");
        for (int r = 0; r < 60; r++) {
            csv.append(20 + r % 40).append(',').append(1000 + 37 * r).append(',').append(r % 2 == 0 ? "f" : "m")
                    .append(',').append(r % 5).append(',').append("abc".charAt(r % 3)).append('\n');
        }
        Path real = Files.writeString(dir.resolve("real.csv"), csv);
        Path syn = Files.writeString(dir.resolve("syn.csv"), csv);
        Path report = dir.resolve("report.json");
        String[][] wrong = {
            {"--target", "bnd", "target 'bnd' is not a column (did you mean 'band'?)"},
            {"--protected", "sex,agee", "protected 'agee' is not a column (did you mean 'age'?)"},
            {"--quasi", "age,zipp", "quasi 'zipp' is not a column (did you mean 'zip'?)"},
            {"--sensitive", "incme", "sensitive 'incme' is not a column (did you mean 'income'?)"},
        };
        for (String[] w : wrong) {
            Cli r = Cli.run("evaluate", "--real", real, "--synthetic", syn, w[0], w[1], "--report", report);
            assertEquals(2, r.code(), w[0] + ": " + r.out() + r.err());
            assertTrue(r.err().contains(real + ": " + w[2]), r.err());
            assertFalse(Files.exists(report), "nothing is written");
        }
        Cli ok = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--target", "band", "--protected", "sex",
                "--quasi", "age, zip", "--sensitive", "income", "--report", report);
        assertEquals(0, ok.code(), ok.err());
    }
}
