package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;

class RulesGeneratorTest {
    @TempDir
    Path dir;

    static final String SPEC = """
            {
              "columns": [
                {"name": "id", "type": "sequence", "start": 1000, "format": "C-%06d"},
                {"name": "key", "type": "uuid"},
                {"name": "segment", "type": "categorical", "values": {"smb": 0.7, "enterprise": 0.3}},
                {"name": "revenue", "type": "lognormal", "mu": 9, "sigma": 0.5,
                 "when": [{"if": "segment == 'enterprise'", "mu": 13, "sigma": 0.25}]},
                {"name": "tax", "type": "expression", "expr": "revenue * 0.2", "decimals": 2},
                {"name": "height", "type": "normal", "mean": 170, "sd": 10},
                {"name": "weight", "type": "normal", "mean": 70, "sd": 12, "nullRate": 0.1},
                {"name": "visits", "type": "poisson", "lambda": 3},
                {"name": "active", "type": "boolean", "p": 0.25},
                {"name": "signup", "type": "date", "min": "2020-01-01", "max": "2020-12-31"},
                {"name": "email", "type": "pattern", "pattern": "[a-z]{5,8}@example\\\\.com"}
              ],
              "correlations": [{"columns": ["height", "weight"], "rho": 0.8}]
            }
            """;

    static Model fit(Path dir, String spec) throws IOException {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, spec);
        RulesGenerator g = new RulesGenerator();
        return g.fit(null, Params.resolve("rules", g.describe(), Map.of("spec", file.toString())), FitContext.of(1));
    }

    @Test
    void hugeNumbersWithDecimalsKeepTheirMagnitude() throws IOException {
        // rounding to decimals scaled 1e308 past the long range, so every value came out as -9.2e18 or 9.2e18
        Model m = fit(dir, """
                {"columns": [{"name": "x", "type": "uniform", "min": -1e308, "max": 1e308, "decimals": 2}]}""");
        double[] x = m.sample(2000, 5).collect().doubles("x").asDoubleArray();
        long beyond = java.util.Arrays.stream(x).filter(v -> Math.abs(v) > 1e300).count();
        assertTrue(beyond > 1900, beyond + " of 2000 values beyond 1e300");
        assertTrue(java.util.Arrays.stream(x).allMatch(v -> Double.isFinite(v) && Math.abs(v) <= 1e308));
    }

    @Test
    void distributionsDependenciesAndCorrelationsAreWhatTheSpecSays() throws IOException {
        Model m = fit(dir, SPEC);
        Frame f = m.sample(40_000, 7).collect();
        assertEquals(40_000, f.rowCount());
        assertEquals(ColumnKind.IDENTIFIER, f.schema().column("id").kind());
        assertEquals("C-001000", f.strings("id").get(0));
        assertEquals("C-040999", f.strings("id").get(39_999));
        Set<String> keys = new HashSet<>(f.strings("key").asList());
        assertEquals(40_000, keys.size(), "UUIDs are distinct");
        assertTrue(f.strings("key").get(0).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));

        StringColumn seg = f.strings("segment");
        double enterprise = seg.isEqualTo("enterprise").size() / 40_000.0;
        assertEquals(0.3, enterprise, 0.015);
        // the conditional distribution: log-revenue has mean 13 for enterprise rows, 9 otherwise
        DoubleColumn revenue = f.doubles("revenue");
        double sumE = 0;
        double sumS = 0;
        int nE = 0;
        int nS = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            double lr = Math.log(revenue.getDouble(r));
            if (seg.get(r).equals("enterprise")) {
                sumE += lr;
                nE++;
            } else {
                sumS += lr;
                nS++;
            }
            assertEquals(Math.round(revenue.getDouble(r) * 0.2 * 100) / 100.0, f.doubles("tax").getDouble(r), 0.011);
        }
        assertEquals(13, sumE / nE, 0.02);
        assertEquals(9, sumS / nS, 0.02);

        // the copula block: Pearson correlation of two normals is the rho given
        DoubleColumn h = f.doubles("height");
        DoubleColumn w = f.doubles("weight");
        assertEquals(170, h.mean(), 0.3);
        assertEquals(10, h.standardDeviation(), 0.2);
        assertEquals(0.1, w.countMissing() / 40_000.0, 0.006);
        double[] hs = new double[f.rowCount()];
        double[] ws = new double[f.rowCount()];
        int n = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            if (!w.isMissing(r)) {
                hs[n] = h.getDouble(r);
                ws[n++] = w.getDouble(r);
            }
        }
        assertEquals(0.8, pearson(hs, ws, n), 0.01);

        assertEquals(3.0, f.longs("visits").mean(), 0.05);
        assertEquals(0.25, f.booleans("active").isTrue().size() / 40_000.0, 0.01);
        for (LocalDateTime d : f.datetimes("signup")) {
            assertTrue(d.getYear() == 2020);
        }
        for (String e : f.strings("email")) {
            assertTrue(e.matches("[a-z]{5,8}@example\\.com"), e);
        }
    }

    @Test
    void sameSeedSameRowsAndSavedModelSamplesTheSame() throws IOException {
        Model m = fit(dir, SPEC);
        Frame a = m.sample(20_000, 3).collect();
        Frame b = m.sample(20_000, 3).collect();
        assertEquals(a.table().print(20_000), b.table().print(20_000));
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        m.save(saved);
        Model loaded = new RulesGenerator().load(new ByteArrayInputStream(saved.toByteArray()));
        assertEquals(a.table().print(20_000), loaded.sample(20_000, 3).collect().table().print(20_000));
        assertTrue(!a.table().print(100).equals(m.sample(20_000, 4).collect().table().print(100)));
    }

    @Test
    void specConstraintsHoldOnEveryRowAndTheRecordSaysHowManyTries() throws IOException {
        String spec = """
                {"columns": [
                   {"name": "start", "type": "uniform", "min": 0, "max": 100},
                   {"name": "end", "type": "uniform", "min": 0, "max": 100},
                   {"name": "code", "type": "pattern", "pattern": "[A-C][0-9]"}
                 ],
                 "constraints": [
                   {"type": "inequality", "low": "start", "high": "end", "strict": true},
                   {"type": "expression", "expr": "end - start < 50"},
                   {"type": "unique", "column": "code"}
                 ]}
                """;
        Model m = fit(dir, spec);
        Frame f;
        Map<String, Object> notes;
        try (FrameStream s = m.sample(30, 5)) {
            f = s.collect();
            notes = s.notes();
        }
        assertEquals(30, f.rowCount());
        Set<String> codes = new HashSet<>();
        for (int r = 0; r < f.rowCount(); r++) {
            double a = f.doubles("start").getDouble(r);
            double b = f.doubles("end").getDouble(r);
            assertTrue(a < b && b - a < 50, a + " " + b);
            assertTrue(codes.add(f.strings("code").get(r)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) notes.get("constraints");
        assertTrue((Long) c.get("rowsDrawn") > 30, "rejection drew more rows than it kept: " + c);
        assertEquals(30L, c.get("rowsKept"));
    }

    static double pearson(double[] a, double[] b, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
