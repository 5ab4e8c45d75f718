package io.tabsynth.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.engine.run.Sampling;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance tests every generator passes: extend it, return the generator (and, if it needs any,
 * parameters), and JUnit runs determinism by seed, schema and row count preserved, missing values handled,
 * save and load, lineage emitted through the engine, conditions held by every sampled row, files a fit writes (checkpoints) written and recorded by the
 * engine, and clear errors on bad input.
 */
public abstract class GeneratorContract {
    private static final int CONDITIONED_ROWS = 200;
    @TempDir
    protected Path dir;

    /** A fresh generator. */
    protected abstract Generator generator();

    /** Parameters for every fit (e.g. a spec for a spec-driven generator); none by default. */
    protected Map<String, String> params() {
        return Map.of();
    }

    /**
     * Parameters that make a fit hand files besides its model to the engine ({@link FitContext#files()}), all of
     * them under {@code folder}, which exists (a checkpoint, say); empty, the default, for a generator that writes no files,
     * which skips {@link #filesAFitWritesAreWrittenAndRecordedByTheEngine}. Added to {@link #params()}.
     */
    protected Map<String, String> fileWritingParams(Path folder) {
        return Map.of();
    }

    /** The data to fit: {@link SampleData#mixed} by default. */
    protected Frame data() {
        return SampleData.mixed(1500, 17);
    }

    protected Model fit(long seed) {
        Generator g = generator();
        Frame data = g.needsData() ? data() : Frame.empty(Schema.of());
        return g.fit(data, Params.resolve(g.id(), g.describe(), params()), FitContext.of(seed));
    }

    private static String digest(Model m, long rows, long seed) {
        return ContentDigest.of(m.sample(rows, seed).collect());
    }

    @Test
    void sameDataParametersAndSeedGiveTheSameRows() {
        assertEquals(digest(fit(3), 5000, 9), digest(fit(3), 5000, 9), "fit and sample twice with the same seeds");
        assertNotEquals(digest(fit(3), 5000, 9), digest(fit(3), 5000, 10), "another sampling seed gives other rows");
    }

    @Test
    void samplesHaveTheSchemaAndTheRowsAskedFor() {
        Model m = fit(1);
        if (generator().needsData()) {
            assertEquals(data().schema(), m.schema(), "the model samples the schema it was fitted on");
        }
        for (int rows : new int[] {0, 1, 12_345}) {
            Frame f = m.sample(rows, 2).collect();
            assertEquals(rows, f.rowCount());
            assertEquals(m.schema(), f.schema());
        }
    }

    @Test
    void missingValuesAreLearnedNotDropped() {
        assumeTrue(generator().needsData(), "the generator designs data rather than learning it");
        Frame real = data();
        Frame syn = fit(4).sample(20_000, 5).collect();
        for (String c : real.schema().names()) {
            double r = real.missingRate(c);
            if (r >= 0.05) {
                double s = syn.missingRate(c);
                assertTrue(s > r / 3 && s < r * 3, c + ": real missing rate " + r + ", synthetic " + s);
            }
        }
    }

    @Test
    void aSavedModelLoadsAndSamplesTheSameRows() throws IOException {
        Model m = fit(6);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        m.save(saved);
        Model loaded = generator().load(new ByteArrayInputStream(saved.toByteArray()));
        assertEquals(m.schema(), loaded.schema());
        assertEquals(digest(m, 3000, 7), digest(loaded, 3000, 7));
    }

    @Test
    void fittingThroughTheEngineLeavesAVerifiableRecord() {
        Lineage lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys")));
        try (Engine engine = Engine.open(null, false, lineage)) {
            Generator g = generator();
            engine.register(g, "contract", "0");
            FittedModel m = engine.fit(g.needsData() ? data() : null, g.id(), params(), 8, Progress.NONE);
            Path file = dir.resolve("m.model");
            engine.save(m, file);
            Verification v = new Verifier(TrustStore.standard(lineage.keys())).verifyFile(file);
            assertTrue(v.ok() && v.records() >= 1, v.toString());
            FittedModel back = engine.load(file);
            assertEquals(digest(m.model(), 100, 1), digest(back.model(), 100, 1));
        }
    }

    /**
     * Conditional sampling ({@code sample --where}) is the engine's, on top of any model: every row written holds the
     * value asked for, here the most frequent category of the data's first categorical column.
     */
    @Test
    void everySampledRowHoldsTheConditionAskedFor() {
        Generator g = generator();
        assumeTrue(g.needsData(), "the generator learns no data, so its data have no category to condition on");
        Frame data = data();
        int column = data.schema().columns().stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL)
                .mapToInt(c -> data.schema().indexOf(c.name())).findFirst().orElse(-1);
        assumeTrue(column >= 0, "the data have no categorical column");
        Map<String, Integer> counts = new TreeMap<>();
        for (int row = 0; row < data.rowCount(); row++) {
            Object v = data.cell(column, row);
            if (v != null && !v.toString().isEmpty()) {
                counts.merge(v.toString(), 1, Integer::sum);
            }
        }
        String value = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String name = data.schema().column(column).name();
        Lineage lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys")));
        try (Engine engine = Engine.open(null, false, lineage)) {
            engine.register(g, "contract", "0");
            FittedModel m = engine.fit(data, g.id(), params(), 8, Progress.NONE);
            Frame sampled = engine.sampleFrame(m, CONDITIONED_ROWS, 3, Sampling.conditions(Map.of(name, value)));
            assertEquals(CONDITIONED_ROWS, sampled.rowCount());
            int at = sampled.schema().indexOf(name);
            for (int row = 0; row < sampled.rowCount(); row++) {
                assertEquals(value, String.valueOf(sampled.cell(at, row)), "row " + (row + 1) + " of the sample");
            }
        }
    }

    @Test
    void filesAFitWritesAreWrittenAndRecordedByTheEngine() throws IOException {
        assumeTrue(!fileWritingParams(dir).isEmpty(), "the generator writes no files while it fits");
        Lineage lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys")));
        Map<Path, byte[]> first = new TreeMap<>();
        try (Engine engine = Engine.open(null, false, lineage)) {
            Generator g = generator();
            engine.register(g, "contract", "0");
            for (String run : List.of("first", "second")) {
                Path folder = Files.createDirectories(dir.resolve(run)); // outputs go into folders that exist
                Map<String, String> params = new LinkedHashMap<>(params());
                params.putAll(fileWritingParams(folder));
                engine.fit(g.needsData() ? data() : null, g.id(), params, 8, Progress.NONE);
                List<Path> written = madeIn(folder);
                Verifier verifier = new Verifier(TrustStore.standard(lineage.keys()));
                assertFalse(written.isEmpty(), "the parameters " + fileWritingParams(folder) + " wrote no file in " + folder);
                for (Path file : written) {
                    Verification v = verifier.verifyFile(file);
                    assertTrue(v.ok(), file + " was written by the engine and recorded: " + v);
                    assertEquals(file.toString(), v.subject().path().toString(), "the record names the file");
                    byte[] bytes = Files.readAllBytes(file);
                    Path relative = folder.relativize(file);
                    if (first.containsKey(relative)) {
                        assertArrayEquals(first.get(relative), bytes, relative + ": the same seed writes the same bytes");
                    } else {
                        first.put(relative, bytes);
                    }
                }
            }
        }
        Path tampered = dir.resolve("first").resolve(first.keySet().iterator().next());
        byte[] bytes = Files.readAllBytes(tampered);
        bytes[bytes.length / 2] ^= 1;
        Files.write(tampered, bytes);
        assertFalse(new Verifier(TrustStore.standard(lineage.keys())).verifyFile(tampered).ok(), "a changed byte of " + tampered + " is caught");
    }

    /** The files in a folder and its subfolders other than lineage sidecars, sorted. */
    private static List<Path> madeIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(Sidecar.SUFFIX)).sorted().toList();
        }
    }

    @Test
    void badInputGivesAClearError() {
        Generator g = generator();
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> Params.resolve(g.id(), g.describe(), Map.of("no-such-parameter", "1")));
        assertTrue(unknown.getMessage().contains("no-such-parameter"), unknown.getMessage());
        Exception garbage = assertThrows(Exception.class,
                () -> g.load(new ByteArrayInputStream("not a model".getBytes(StandardCharsets.UTF_8))));
        assertTrue(garbage instanceof IOException || garbage instanceof TabsynthException
                        || garbage instanceof IllegalArgumentException,
                "loading garbage fails with a checked or tabsynth error, not " + garbage);
        assertTrue(garbage.getMessage() != null && !garbage.getMessage().isBlank(), "the error says what is wrong");
    }
}
