package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every table of the {@link TortureCorpus} through every first-party generator, as a user runs it: {@code synth}
 * (for the rules generator, {@code rules infer} and then {@code synth} on the drafted spec). Each run either
 * exits 0 with a file whose every column keeps its written form, whose header is the real one, and in which no
 * text value is one that a single real row holds; or exits 2 with a message that names the file — never an
 * exception class name, never exit 1.
 */
class TortureCorpusTest {
    private static final int ROWS = 150;
    private static final Set<ColumnKind> TEXT_KINDS = EnumSet.of(ColumnKind.CATEGORICAL, ColumnKind.IDENTIFIER,
            ColumnKind.FREE_TEXT);

    /** A regular expression naming the cases to run, e.g. {@code -Dtabsynth.torture='dates.*'}; all by default. */
    private static final String ONLY = System.getProperty("tabsynth.torture", ".*");

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyTableThroughEveryGenerator() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TortureCorpus.Table table : TortureCorpus.tables()) {
            for (String generator : new String[] {"gaussian-copula", "ctgan", "rules"}) {
                String name = table.name() + " / " + generator;
                if (name.matches(ONLY)) {
                    tests.add(DynamicTest.dynamicTest(name, () -> run(table, generator)));
                }
            }
        }
        return tests.stream();
    }

    private static void run(TortureCorpus.Table table, String generator) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(generator));
        Path real = folder.resolve(table.name());
        Files.write(real, table.bytes());
        Path out = folder.resolve("synthetic-" + table.name());
        Path ledger = folder.resolve("ledger.jsonl");
        Cli r;
        if (generator.equals("rules")) {
            Path spec = folder.resolve(table.name() + ".spec.json");
            r = Cli.run("rules", "infer", "--data", real, "--out", spec);
            if (r.code() == 0) {
                r = Cli.run("synth", "--generator", "rules", "--param", "spec=" + spec, "--rows", ROWS, "--seed", 1,
                        "--out", out, "--ledger", ledger);
            }
        } else {
            List<Object> args = new ArrayList<>(List.of("synth", "--data", real, "--generator", generator));
            if (generator.equals("ctgan")) {
                args.addAll(List.of("--param", "epochs=1"));
            }
            args.addAll(List.of("--rows", ROWS, "--seed", 1, "--out", out, "--ledger", ledger));
            r = Cli.run(args.toArray());
        }
        String said = table.name() + " / " + generator + ": exit " + r.code() + "\n" + r.err();
        if (r.code() != 0) {
            assertEquals(2, r.code(), said);
            assertTrue(r.err().contains(table.name()), "the message names the file: " + said);
            assertFalse(r.err().matches("(?s).*(Exception|java\\.|\\bat [a-z]+\\.).*"), "no class name or trace: " + said);
            assertFalse(Files.exists(out), "nothing half-written: " + said);
            return;
        }
        List<List<String>> realRows = parse(new String(table.bytes(), StandardCharsets.UTF_8));
        List<List<String>> synRows = parse(Files.readString(out));
        assertEquals(realRows.get(0).stream().map(String::trim).toList(), synRows.get(0),
                "the header comes back as it was (the spaces around a name are not part of it): " + said);
        assertEquals(ROWS, synRows.size() - 1, "rows: " + said);
        List<String> header = synRows.get(0);
        for (Map.Entry<String, String> form : table.forms().entrySet()) {
            int c = header.indexOf(form.getKey());
            for (int row = 1; row < synRows.size(); row++) {
                String cell = synRows.get(row).get(c);
                if (!cell.isEmpty() && !cell.matches(form.getValue())) {
                    fail(said + "\ncolumn '" + form.getKey() + "' row " + row + ": '" + cell + "' is not written as "
                            + form.getValue() + " (real: '" + realRows.get(1).get(c) + "')");
                }
            }
        }
        assertNoSingleRowTextReplayed(real, realRows, synRows, said);
    }

    /** No synthetic text value is one that exactly one real row holds. */
    private static void assertNoSingleRowTextReplayed(Path real, List<List<String>> realRows, List<List<String>> synRows,
            String said) {
        Frame frame = FrameReader.read(real);
        List<String> header = realRows.get(0).stream().map(String::trim).toList();
        for (ColumnSpec spec : frame.schema().columns()) {
            if (!TEXT_KINDS.contains(spec.kind())) {
                continue;
            }
            int c = header.indexOf(spec.name());
            Map<String, Integer> counts = new HashMap<>();
            for (int row = 1; row < realRows.size(); row++) {
                counts.merge(realRows.get(row).get(c), 1, Integer::sum);
            }
            Set<String> replayed = new HashSet<>();
            for (int row = 1; row < synRows.size(); row++) {
                String cell = synRows.get(row).get(c);
                if (!cell.isEmpty() && counts.getOrDefault(cell, 0) == 1) {
                    replayed.add(cell);
                }
            }
            assertTrue(replayed.isEmpty(), said + "\ncolumn '" + spec.name() + "' (" + spec.kind()
                    + ") replays values only one real row holds: " + replayed.stream().limit(5).toList());
        }
    }

    /** RFC 4180 CSV: quoted cells with commas, doubled quotes and line breaks; CRLF or LF; a byte-order mark dropped. */
    static List<List<String>> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
