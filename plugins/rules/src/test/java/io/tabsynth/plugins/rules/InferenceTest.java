package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A drafted spec recovers known marginals and structure, and generates data that keeps it. */
class InferenceTest {
    @TempDir
    Path dir;

    @Test
    void tinyAndHugeNumbersAreDraftedWithTheirSpread() throws Exception {
        // squares of 1e-301 vanish: the column read as a constant; rounding the mean to four decimals made it 0
        Rng rng = new Rng(3);
        double[] tiny = new double[300];
        double[] huge = new double[300];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = rng.nextDouble() * 1e-300;
            huge[i] = (rng.nextDouble() * 2 - 1) * 1e308;
        }
        Frame real = Frame.of(Table.create("t", DoubleColumn.create("tiny", tiny), DoubleColumn.create("huge", huge)),
                Schema.of(ColumnSpec.of("tiny", ColumnKind.CONTINUOUS), ColumnSpec.of("huge", ColumnKind.CONTINUOUS)));
        JsonNode spec = new Inference().infer(real);
        JsonNode t = spec.path("columns").get(0);
        assertEquals("normal", t.path("type").asText(), t.toString());
        assertEquals(5e-301, t.path("mean").asDouble(), 1e-301, t.toString());
        Frame made = RulesGeneratorTest.fit(dir, new ObjectMapper().writeValueAsString(spec)).sample(1000, 2).collect();
        double[] x = made.doubles("tiny").asDoubleArray();
        assertTrue(java.util.Arrays.stream(x).distinct().count() > 900, "tiny values vary");
        assertTrue(java.util.Arrays.stream(x).allMatch(v -> v >= 0 && v <= 1e-300), "within the real range");
        double[] h = made.doubles("huge").asDoubleArray();
        assertTrue(java.util.Arrays.stream(h).filter(v -> Math.abs(v) > 1e307).count() > 500, "huge values stay huge");
    }

    @Test
    void infersMarginalsDependenciesAndConstraintsThatTheGeneratedDataKeeps() throws Exception {
        Rng rng = new Rng(5);
        int n = 4000;
        DoubleColumn height = DoubleColumn.create("height");
        DoubleColumn weight = DoubleColumn.create("weight");
        LongColumn visits = LongColumn.create("visits");
        StringColumn grade = StringColumn.create("grade");
        LongColumn level = LongColumn.create("level");
        DoubleColumn start = DoubleColumn.create("start");
        DoubleColumn end = DoubleColumn.create("end");
        StringColumn key = StringColumn.create("key");
        String[] grades = {"junior", "mid", "senior"};
        for (int i = 0; i < n; i++) {
            double h = 170 + 10 * rng.nextGaussian();
            height.append(Math.round(h * 10) / 10.0);
            weight.append(Math.round((70 + 0.8 * (h - 170) + 6 * rng.nextGaussian()) * 10) / 10.0);
            long k = 0;
            double p = Math.exp(-4);
            double u = rng.nextDouble();
            double c = p;
            while (u > c) {
                k++;
                p *= 4.0 / k;
                c += p;
            }
            visits.append(k);
            int g = rng.nextInt(3);
            grade.append(grades[g]);
            level.append(g + 1);
            double s = rng.nextDouble() * 100;
            start.append(s);
            end.append(s + rng.nextDouble() * 10);
            key.append(String.format("AB%05d", i));
        }
        Frame real = Frame.of(Table.create("real", height, weight, visits, grade, level, start, end, key), Schema.of(
                ColumnSpec.of("height", ColumnKind.CONTINUOUS), ColumnSpec.of("weight", ColumnKind.CONTINUOUS),
                ColumnSpec.of("visits", ColumnKind.INTEGER), ColumnSpec.of("grade", ColumnKind.CATEGORICAL),
                ColumnSpec.of("level", ColumnKind.INTEGER), ColumnSpec.of("start", ColumnKind.CONTINUOUS),
                ColumnSpec.of("end", ColumnKind.CONTINUOUS), ColumnSpec.of("key", ColumnKind.IDENTIFIER)));

        JsonNode spec = new Inference().infer(real);
        JsonNode h = column(spec, "height");
        assertEquals("normal", h.path("type").asText());
        assertEquals(170, h.path("mean").asDouble(), 0.6);
        assertEquals(10, h.path("sd").asDouble(), 0.4);
        assertEquals(1, h.path("decimals").asInt());
        assertEquals("poisson", column(spec, "visits").path("type").asText());
        assertEquals(4, column(spec, "visits").path("lambda").asDouble(), 0.15);
        assertEquals("expression", column(spec, "level").path("type").asText(), "grade determines level");
        // keys AB00000..AB03999 are numbered in their format above every real one (a pattern could draw real keys)
        assertEquals("sequence", column(spec, "key").path("type").asText());
        assertEquals("AB%05d", column(spec, "key").path("format").asText());
        assertEquals(4001, column(spec, "key").path("start").asLong());
        boolean inequality = false;
        for (JsonNode c : spec.path("constraints")) {
            inequality |= c.path("type").asText().equals("inequality") && c.path("low").asText().equals("start")
                    && c.path("high").asText().equals("end");
        }
        assertTrue(inequality, spec.path("constraints").toString());
        JsonNode block = spec.path("correlations").get(0);
        assertTrue(block.path("columns").toString().contains("height"), block.toString());

        Path file = dir.resolve("drafted.json");
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(spec));
        Frame made = RulesGeneratorTest.fit(dir, Files.readString(file)).sample(3000, 2).collect();
        assertEquals(real.schema().names(), made.schema().names());
        double[] hs = made.doubles("height").asDoubleArray();
        double[] ws = made.doubles("weight").asDoubleArray();
        assertTrue(RulesGeneratorTest.pearson(hs, ws, hs.length) > 0.6, "the correlation is kept");
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int r = 0; r < made.rowCount(); r++) {
            assertTrue(made.doubles("start").getDouble(r) <= made.doubles("end").getDouble(r));
            String g = made.strings("grade").get(r);
            assertEquals(java.util.List.of(grades).indexOf(g) + 1, made.longs("level").getLong(r));
            assertTrue(keys.add(made.strings("key").get(r)));
            assertTrue(Integer.parseInt(made.strings("key").get(r).substring(2)) >= n, made.strings("key").get(r));
        }
    }

    @Test
    void keysOfMixedShapesAreNumberedInTheirCommonFormatNeverCopied() throws Exception {
        String[] first = {"anna", "bob", "carla", "dmitri"};
        StringColumn email = StringColumn.create("email");
        StringColumn phone = StringColumn.create("phone");
        Rng rng = new Rng(2);
        for (int i = 0; i < 300; i++) {
            email.append(first[i % 4] + ".smith" + i + "@mail.com");
            phone.append("+44 7" + (100_000_000 + rng.nextInt(899_999_999)));
        }
        Frame real = Frame.of(Table.create("real", email, phone), Schema.of(ColumnSpec.of("email", ColumnKind.IDENTIFIER),
                ColumnSpec.of("phone", ColumnKind.IDENTIFIER)));
        JsonNode spec = new Inference().infer(real);
        assertEquals("sequence", column(spec, "email").path("type").asText());
        assertEquals("user%06d@example.com", column(spec, "email").path("format").asText());
        assertEquals("+44 %010d", column(spec, "phone").path("format").asText());

        Path file = dir.resolve("keys.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(spec));
        Frame made = RulesGeneratorTest.fit(dir, Files.readString(file)).sample(500, 3).collect();
        java.util.Set<String> real1 = new java.util.HashSet<>(email.asList());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int r = 0; r < made.rowCount(); r++) {
            String e = made.strings("email").get(r);
            assertTrue(e.matches("user\\d{6}@example\\.com") && !real1.contains(e) && seen.add(e), e);
            assertTrue(made.strings("phone").get(r).matches("\\+44 \\d{10}"), made.strings("phone").get(r));
        }
    }

    @Test
    void numberFormatsCarryIntoTheSpecAndTheGeneratedColumns() throws Exception {
        Rng rng = new Rng(6);
        double[] price = new double[300];
        long[] visits = new long[300];
        for (int i = 0; i < price.length; i++) {
            price[i] = Math.round(100 * (1500 + 400 * rng.nextGaussian())) / 100.0;
            visits[i] = Math.round(20_000 + 3000 * rng.nextGaussian());
        }
        Frame real = Frame.of(Table.create("real", DoubleColumn.create("price", price), LongColumn.create("visits", visits)),
                Schema.of(new ColumnSpec("price", ColumnKind.CONTINUOUS, "'$'#,##0.00"),
                        new ColumnSpec("visits", ColumnKind.INTEGER, "#,##0")));
        JsonNode spec = new Inference().infer(real);
        assertEquals("'$'#,##0.00", column(spec, "price").path("format").asText());
        assertEquals("#,##0", column(spec, "visits").path("format").asText());

        Path file = dir.resolve("formats.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(spec));
        Schema made = RulesGeneratorTest.fit(dir, Files.readString(file)).schema();
        assertEquals("'$'#,##0.00", made.column("price").format());
        assertEquals(ColumnKind.INTEGER, made.column("visits").kind());
        assertEquals("#,##0", made.column("visits").format());
    }

    @Test
    void valuesNearTheLargestDoubleGiveTheirTrueMeanAndSpread() throws Exception {
        // sums and squares of such values overflow, and rounding them to 4 decimals went through a long
        double[] big = new double[200];
        for (int i = 0; i < big.length; i++) {
            big[i] = i % 4 == 0 ? 3.5 : i % 4 == 1 ? -1e308 : 1e308;
        }
        Frame real = Frame.of(Table.create("real", DoubleColumn.create("big", big)),
                Schema.of(ColumnSpec.of("big", ColumnKind.CONTINUOUS)));
        JsonNode col = column(new Inference().infer(real), "big");
        assertEquals(2.5e307, col.path("mean").asDouble(), 1e292, col.toString());
        assertEquals(8.29e307, col.path("sd").asDouble(), 0.01e307, col.toString());
        Path file = dir.resolve("big.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(new Inference().infer(real)));
        for (double x : RulesGeneratorTest.fit(dir, Files.readString(file)).sample(200, 3).collect().numbers("big")) {
            assertTrue(x >= -1e308 && x <= 1e308, "drawn " + x);
        }
    }

    @Test
    void freeTextIsDraftedAsWordsWithoutAnyOnePersonsWord() throws Exception {
        StringColumn note = StringColumn.create("note");
        String[] words = {"late", "delivery", "refund", "great"};
        Rng rng = new Rng(8);
        for (int i = 0; i < 400; i++) {
            note.append(words[rng.nextInt(4)] + " " + words[rng.nextInt(4)] + " order" + i);
        }
        Frame real = Frame.of(Table.create("real", note), Schema.of(ColumnSpec.of("note", ColumnKind.FREE_TEXT)));
        JsonNode spec = new Inference().infer(real);
        JsonNode col = column(spec, "note");
        assertEquals("words", col.path("type").asText());
        assertEquals(4, col.path("words").size(), "the order numbers are each one text's: " + col);
        assertEquals(1.0, col.path("lengths").path("3").asDouble(), 1e-9);

        Path file = dir.resolve("words.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(spec));
        java.util.Set<String> realTexts = new java.util.HashSet<>(note.asList());
        for (String t : RulesGeneratorTest.fit(dir, Files.readString(file)).sample(500, 3).collect().strings("note")) {
            assertTrue(!realTexts.contains(t) && t.split(" ").length == 3 && !t.contains("order"), t);
        }
    }

    @Test
    void aCategoryFewerThanMinCountRowsHoldStaysOutOfTheSpecAndNewValuesTakeItsRows() {
        StringColumn city = StringColumn.create("city");
        for (int i = 0; i < 80; i++) {
            city.append(i < 50 ? "Leeds" : "York");
        }
        city.append("Smallville");
        Frame real = Frame.of(Table.create("real", city), Schema.of(ColumnSpec.of("city", ColumnKind.CATEGORICAL)));
        JsonNode col = column(new Inference().infer(real), "city");
        assertEquals(50, col.path("values").path("Leeds").asInt());
        assertEquals(30, col.path("values").path("York").asInt());
        assertTrue(col.path("values").path("Smallville").isMissingNode(), col.toString());
        assertFalse(col.toString().contains("Smallville"), col.toString());
        assertEquals("shape", col.path("type").asText());
        assertEquals(1, col.path("newValues").asInt());
        assertEquals("1 value that fewer than 5 rows hold left out; new values in its written form take its 1 row",
                col.path("description").asText());
        // with minCount 1 every value is kept as it is
        JsonNode all = column(new Inference().infer(real, RareValues.learn(real, 1, 0)), "city");
        assertEquals("categorical", all.path("type").asText());
        assertEquals(1, all.path("values").path("Smallville").asInt());
    }

    private static JsonNode column(JsonNode spec, String name) {
        for (JsonNode c : spec.path("columns")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + spec);
    }
}
