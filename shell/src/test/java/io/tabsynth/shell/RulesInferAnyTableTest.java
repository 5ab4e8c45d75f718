package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every spec {@code rules infer} drafts runs: for tables of odd column names (spaces, dashes, dots, unicode,
 * SQL and JEXL keywords, a digit first, a column named {@code row}), lookups between them, numbers, dates,
 * categories, nulls, constant and empty columns and a single row, infer then synth exits 0 and every column
 * keeps its written form.
 */
class RulesInferAnyTableTest {
    private static final int ROWS = 120;
    private static final int SYNTHETIC_ROWS = 60;
    private static final String[] AIRPORTS = {"Heathrow", "Gatwick", "Luton", "Stansted"};
    private static final String[] SIZES = {"small", "large"};

    @TempDir
    Path dir;

    /** A column of a test table: its header, its cell for each row, and the form every written value has. */
    private record Col(String name, IntFunction<String> cell, String form) {
    }

    @Test
    void oddColumnNamesAndLookupsBetweenThem() throws Exception {
        Random rng = new Random(1);
        int[] airport = rng.ints(ROWS, 0, AIRPORTS.length).toArray();
        int[] size = rng.ints(ROWS, 0, SIZES.length).toArray();
        int[] store = rng.ints(ROWS, 1, 7).toArray();
        check("odd-names", ROWS, List.of(
                new Col("Airport Name", r -> AIRPORTS[airport[r]], "Heathrow|Gatwick|Luton|Stansted"),
                new Col("airport-code", r -> Integer.toString(airport[r] + 10), "1[0-3]"),
                new Col("x.y", r -> Integer.toString(r % 9) + "." + (r % 7 + 1), "-?\\d+(\\.\\d)?"),
                new Col("select", r -> SIZES[size[r]], "small|large"),
                new Col("size", r -> size[r] == 0 ? "S" : "L", "S|L"),
                new Col("1st place", r -> Integer.toString(100 + rng.nextInt(50)), "-?\\d+"),
                new Col("größe", r -> String.format(java.util.Locale.ROOT, "%.2f", 1.5 + rng.nextGaussian()),
                        "-?\\d+(\\.\\d{1,2})?"),
                new Col("row", r -> Integer.toString(r % 5), "-?\\d+"),
                new Col("row kind", r -> r % 5 % 2 == 0 ? "even" : "odd", "even|odd"),
                new Col("store no", r -> Integer.toString(store[r]), "\\d+"),
                new Col("region it's in", r -> store[r] <= 2 ? "north" : store[r] <= 4 ? "south" : "east",
                        "north|south|east"),
                new Col("new", r -> r % 3 == 0 ? "true" : "false", "true|false"),
                new Col("empty", r -> r % 3 == 0 ? "yes" : "no", "yes|no")));
    }

    @Test
    void numbersDatesNullsConstantsAndEmptyColumns() throws Exception {
        Random rng = new Random(2);
        check("kinds", ROWS, List.of(
                new Col("id", r -> Integer.toString(1000 + r), "\\d+"),
                new Col("when", r -> java.time.LocalDate.of(2020, 1, 1).plusDays(rng.nextInt(900)).toString(),
                        "\\d{4}-\\d{2}-\\d{2}"),
                new Col("stamp", r -> r % 4 == 0 ? "" : java.time.LocalDateTime.of(2021, 3, 1, 0, 0)
                        .plusMinutes(rng.nextInt(100_000)).toString().replace('T', ' ') + ":00",
                        "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})?"),
                new Col("amount", r -> r % 5 == 0 ? "" : String.format(java.util.Locale.ROOT, "%.2f",
                        Math.exp(3 + rng.nextGaussian())), "(-?\\d+(\\.\\d{1,2})?)?"),
                new Col("count", r -> Integer.toString(rng.nextInt(4)), "-?\\d+"),
                new Col("same", r -> "7", "7"),
                new Col("label", r -> "fixed", "fixed"),
                new Col("nothing", r -> "", ""),
                new Col("segment", r -> r % 7 == 0 ? "" : r % 2 == 0 ? "retail" : "trade", "(retail|trade)?"),
                new Col("flag", r -> rng.nextBoolean() ? "true" : "false", "true|false")));
    }

    @Test
    void aSingleRow() throws Exception {
        check("one-row", 1, List.of(
                new Col("Airport Name", r -> "Heathrow", "[A-Za-z]*"),
                new Col("capital-gain", r -> "0", "-?\\d+"),
                new Col("day", r -> "2024-05-01", "\\d{4}-\\d{2}-\\d{2}"),
                new Col("ratio", r -> "0.25", "-?\\d+(\\.\\d+)?")));
    }

    /** Writes the table, drafts a spec from it, generates from the spec, and checks header and forms. */
    private void check(String name, int rows, List<Col> cols) throws Exception {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", cols.stream().map(c -> csvField(c.name())).toList())).append('\n');
        for (int r = 0; r < rows; r++) {
            List<String> cells = new ArrayList<>();
            for (Col c : cols) {
                cells.add(csvField(c.cell().apply(r)));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path real = Files.writeString(dir.resolve(name + ".csv"), csv);
        Path spec = dir.resolve(name + "-spec.json");
        Path ledger = dir.resolve("ledger.jsonl");
        Cli infer = Cli.run("rules", "infer", "--data", real, "--out", spec, "--ledger", ledger);
        assertEquals(0, infer.code(), name + ": " + infer.err());
        Path out = dir.resolve(name + "-synthetic.csv");
        Cli synth = Cli.run("synth", "--generator", "rules", "--param", "spec=" + spec, "--rows", SYNTHETIC_ROWS,
                "--seed", 3, "--out", out, "--ledger", ledger);
        assertEquals(0, synth.code(), name + ": " + synth.err() + "\nspec: " + Files.readString(spec));

        List<String> lines = Files.readAllLines(out);
        assertEquals(Files.readAllLines(real).get(0), lines.get(0), name + ": the same columns in the same order");
        assertEquals(SYNTHETIC_ROWS + 1, lines.size(), name);
        Map<String, Pattern> forms = new LinkedHashMap<>();
        cols.forEach(c -> forms.put(c.name(), Pattern.compile(c.form())));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(cols.size(), cells.length, name + ": " + line);
            for (int i = 0; i < cells.length; i++) {
                String col = cols.get(i).name();
                assertTrue(forms.get(col).matcher(cells[i]).matches(), name + ", column '" + col + "': '" + cells[i]
                        + "' is not of the form " + cols.get(i).form() + "\nspec: " + Files.readString(spec));
            }
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
