package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bad option or value prints what is wrong and where help is, not the whole usage; exit 2. */
class UsageErrorTest {
    /** The most lines a usage error may take: the error, picocli's suggestions, the hint. */
    private static final int MAX_LINES = 4;

    @Test
    void aBadValuePrintsTheErrorAndAOneLineHint() {
        Cli r = Cli.run("sample", "--model", "m.model", "--rows", "lots", "--seed", 1, "--out", "x.csv");
        assertEquals(2, r.code());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains("--rows") && lines.get(0).contains("lots"),
                r.err());
        assertEquals("see 'tabsynth sample --help'", lines.get(lines.size() - 1), r.err());
        assertTrue(lines.size() <= MAX_LINES, r.err());
        assertFalse(r.err().contains("Usage:") || r.out().contains("Usage:"), r.err());
    }

    @Test
    void everyCommandAnswersABadCommandLineInAFewLines() {
        CommandLine root = new CommandLine(new Tabsynth());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            Cli r = Cli.run(name, "--no-such-option");
            assertEquals(2, r.code(), name + ": " + r.err());
            List<String> lines = r.err().lines().toList();
            assertTrue(lines.size() <= MAX_LINES && !r.err().contains("Usage:"), name + ": " + r.err());
            // the first problem picocli finds: a missing required option, or the unknown one
            assertTrue(lines.get(0).startsWith("error: "), name + ": " + r.err());
            assertEquals("see 'tabsynth " + name + " --help'", lines.get(lines.size() - 1), name + ": " + r.err());
        }
    }

    @Test
    void aMisspeltOptionGetsASuggestion() {
        Cli r = Cli.run("sample", "--model", "m.model", "--row", 10, "--seed", 1, "--out", "x.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: unknown option '--row' for tabsynth sample (did you mean --rows?)"),
                "the misspelt option, not the missing one: " + r.err());
        assertTrue(r.err().lines().count() <= MAX_LINES, r.err());
    }

    @Test
    void aMisspeltCommandIsNamedAsNotACommandWithTheClosest() {
        Cli r = Cli.run("smaple", "--model", "m.model");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: 'smaple' is not a tabsynth command (did you mean sample"), r.err());
        Cli sub = Cli.run("lineage", "verfy", "x.csv");
        assertEquals(2, sub.code());
        assertTrue(sub.err().startsWith("error: 'verfy' is not a tabsynth lineage command (did you mean verify?)"), sub.err());
        Cli extra = Cli.run("keys", "surplus");
        assertEquals(2, extra.code());
        assertTrue(extra.err().startsWith("error: "), extra.err());
    }
}
