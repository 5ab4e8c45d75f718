package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeCasesAndErrorsTest {
    @TempDir
    Path dir;

    @Test
    void edgeCasesAreInjectedAtTheirRatesWithinABinomialInterval() throws Exception {
        String spec = """
                {"columns": [
                   {"name": "id", "type": "sequence"},
                   {"name": "amount", "type": "uniform", "min": 10, "max": 20},
                   {"name": "name", "type": "pattern", "pattern": "[A-Z][a-z]{3,6}"},
                   {"name": "cap", "type": "uniform", "min": 0, "max": 100}
                 ],
                 "constraints": [{"type": "range", "column": "cap", "max": 100}],
                 "edgeCases": [
                   {"column": "amount", "kind": "null", "rate": 0.02},
                   {"column": "amount", "kind": "max", "rate": 0.01},
                   {"column": "name", "kind": "unicode", "rate": 0.005},
                   {"column": "name", "kind": "long", "rate": 0.003, "length": 5000},
                   {"column": "name", "kind": "empty", "rate": 0.002},
                   {"column": "id", "kind": "duplicate", "rate": 0.004},
                   {"column": "cap", "kind": "extreme", "rate": 0.01}
                 ]}
                """;
        Model m = RulesGeneratorTest.fit(dir, spec);
        int n = 100_000;
        Frame f;
        Map<String, Object> notes;
        try (FrameStream s = m.sample(n, 21)) {
            f = s.collect();
            notes = s.notes();
        }
        // edge cases are drawn in spec order, so a later max may replace an earlier null on the same row
        int atMax = f.doubles("amount").isEqualTo(20.0).size();
        assertWithin(0.01, atMax, n);
        assertWithin(0.02 * (1 - 0.01), f.column("amount").countMissing(), n);
        int unicode = 0;
        int longs = 0;
        for (String s : f.strings("name")) {
            if (EdgeCase.UNICODE.contains(s)) {
                unicode++;
            }
            if (s.length() == 5000) {
                longs++;
            }
        }
        assertWithin(0.005 * (1 - 0.003) * (1 - 0.002), unicode, n);
        assertWithin(0.003 * (1 - 0.002), longs, n);
        assertWithin(0.002, f.strings("name").isMissing().size(), n);
        Set<Long> ids = new HashSet<>();
        int dup = 0;
        for (long id : f.longs("id").asLongArray()) {
            if (!ids.add(id)) {
                dup++;
            }
        }
        assertWithin(0.004, dup, n);
        // extreme values on 'cap' would break its range constraint, so every one is blocked and counted
        assertEquals(0, f.doubles("cap").isGreaterThan(100).size());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> edges = (Map<String, Map<String, Object>>) notes.get("edgeCases");
        long blocked = (Long) edges.get("cap:extreme").get("blockedByConstraints");
        assertTrue(blocked > 0 && (Long) edges.get("cap:extreme").get("injected") + blocked > 0.005 * n, edges.toString());
        assertEquals((long) atMax, edges.get("amount:max").get("injected"));
        assertWithin(0.02, ((Long) edges.get("amount:null").get("injected")).intValue(), n);
    }

    /** The observed count lies within a 99.99 % normal-approximation interval of binomial(n, p). */
    static void assertWithin(double p, int count, int n) {
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - mean) <= 3.9 * sd, "count " + count + " outside " + mean + " +- " + 3.9 * sd);
    }

    private BadInputException specError(String spec) {
        return assertThrows(BadInputException.class, () -> RulesGeneratorTest.fit(dir, spec));
    }

    @Test
    void wordsColumnsKeepTheirWordSharesAndLengths() throws IOException {
        Frame f = RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "note", "type": "words", "words": {"late": 3, "refund": 1}, "lengths": {"2": 1, "4": 3},
                   "nullRate": 0.1}
                ]}""").sample(20_000, 3).collect();
        assertEquals(ColumnKind.FREE_TEXT, f.schema().column("note").kind());
        int missing = 0;
        int four = 0;
        int late = 0;
        int words = 0;
        for (String t : f.strings("note")) {
            if (t.isEmpty()) {
                missing++;
                continue;
            }
            String[] ws = t.split(" ");
            assertTrue(ws.length == 2 || ws.length == 4, t);
            four += ws.length == 4 ? 1 : 0;
            for (String w : ws) {
                late += w.equals("late") ? 1 : 0;
                words++;
            }
        }
        assertWithin(0.1, missing, 20_000);
        assertWithin(0.75, four, 20_000 - missing);
        assertWithin(0.75, late, words);

        String m = specError("""
                {"columns": [
                  {"name": "note", "type": "words", "words": {"late": 0}, "lengths": {"2": 1}}
                ]}""").getMessage();
        assertTrue(m.contains("columns[0].words: the weight of word 'late' must be a number > 0"), m);
        m = specError("""
                {"columns": [
                  {"name": "note", "type": "words", "words": {"late": 1}, "lengths": {"two": 1}}
                ]}""").getMessage();
        assertTrue(m.contains("columns[0].lengths: 'two' is not a text length in words (1 to 1000)"), m);
    }

    @Test
    void specErrorsNameTheLineAndTheField() {
        String m = specError("""
                {"columns": [
                  {"name": "a", "type": "normal", "mean": 0,
                   "sd": -1}
                ]}""").getMessage();
        assertTrue(m.contains("spec.json line 3, columns[0].sd: must be positive"), m);

        m = specError("""
                {"columns": [
                  {"name": "a", "type": "normal", "mean": 0, "sdd": 1}
                ]}""").getMessage();
        assertTrue(m.contains("line 2, columns[0].sdd: unknown field (did you mean 'sd'?)"), m);

        m = specError("""
                {"columns": [
                  {"name": "a", "type": "gaussian", "mean": 0}
                ]}""").getMessage();
        assertTrue(m.contains("line 2, columns[0].type: unknown column type 'gaussian'"), m);

        m = specError("""
                {"columns": [
                  {"name": "a", "type": "expression", "expr": "b * 2"},
                  {"name": "b", "type": "expression",
                   "expr": "a + 1"}
                ]}""").getMessage();
        assertTrue(m.contains("cycle: a, b"), m);

        m = specError("""
                {"columns": [
                  {"name": "a", "type": "uniform", "min": 0, "max": 1},
                  {"name": "b", "type": "expression", "expr": "a +* 2"}
                ]}""").getMessage();
        assertTrue(m.contains("line 3, columns[1].expr: expression 'a +* 2' does not parse"), m);

        m = specError("""
                {"columns": [{"name": "a", "type": "uniform", "min": 0, "max": 1}],
                 "constraints": [{"type": "inequality", "low": "a",
                                  "high": "zz"}]}""").getMessage();
        assertTrue(m.contains("line 3, constraints[0].high: no column 'zz'"), m);

        m = specError("""
                {"columns": [{"name": "a", "type": "uniform", "min": 0, "max": 1},
                             {"name": "b", "type": "uniform", "min": 0, "max": 1}],
                 "correlations": [{"columns": ["a", "b"], "matrix": [[1, 2], [2, 1]]}]}""").getMessage();
        assertTrue(m.contains("line 3, correlations[0].matrix"), m);

        m = specError("""
                {"columns": [{"name": "price", "type": "uniform", "min": 0, "max": 1,
                              "format": "#,##0.00.0"}]}""").getMessage();
        assertTrue(m.contains("line 2, columns[0].format: '#,##0.00.0' is not a number format"), m);

        m = specError("""
                {"columns": [{"name": "tier", "type": "categorical", "values": ["a"],
                              "format": "0.00"}]}""").getMessage();
        assertTrue(m.contains("columns[0].format: unknown field"), m);

        m = specError("""
                {"columns": [{"name": "tier", "type": "constant", "value": "gold", "format": "0.00"}]}""").getMessage();
        assertTrue(m.contains("columns[0].format: only number and date columns have a format; this column is categorical"), m);

        m = specError("""
                {"columns": [{"name": "p", "type": "uniform", "min": 0, "max": 1, "format": "'$'0.00",
                              "when": [{"if": "true", "format": "0.00'%'"}]}]}""").getMessage();
        assertTrue(m.contains("format: a variant must keep the column's format '$'0.00"), m);

        m = specError("{\"columns\": [\n{\"name\": \"a\", \"type\": \"uniform\",, }]}").getMessage();
        assertTrue(m.contains("spec.json line 2: not valid JSON"), m);

        // a file cut off in the middle: its line, in words, without the parser's "[Source: REDACTED ...]"
        m = specError("{\"columns\": [\n{\"name\": \"a\", \"type\": ").getMessage();
        assertTrue(m.contains("spec.json line 2: not valid JSON") && !m.contains("Source"), m);
    }

    @Test
    void yamlSpecsWorkAndReportLinesToo() throws Exception {
        Path yaml = dir.resolve("spec.yaml");
        Files.writeString(yaml, """
                columns:
                  - name: tier
                    type: categorical
                    values: {gold: 1, silver: 3}
                  - name: limit
                    type: integer
                    min: 1
                    max: 10
                    when:
                      - if: "tier == 'gold'"
                        min: 100
                        max: 200
                """);
        RulesGenerator g = new RulesGenerator();
        Model m = g.fit(null, io.tabsynth.spi.Params.resolve("rules", g.describe(), Map.of("spec", yaml.toString())),
                io.tabsynth.spi.FitContext.of(1));
        Frame f = m.sample(2000, 1).collect();
        for (int r = 0; r < f.rowCount(); r++) {
            long limit = f.longs("limit").getLong(r);
            assertTrue(f.strings("tier").get(r).equals("gold") ? limit >= 100 && limit <= 200 : limit <= 10);
        }
        Files.writeString(yaml, """
                columns:
                  - name: tier
                    type: categorical
                    values: 7
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> g.fit(null,
                io.tabsynth.spi.Params.resolve("rules", g.describe(), Map.of("spec", yaml.toString())),
                io.tabsynth.spi.FitContext.of(1)));
        assertTrue(e.getMessage().contains("spec.yaml line 4, columns[0].values"), e.getMessage());
    }
}
