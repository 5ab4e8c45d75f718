package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.WrittenForm;
import io.tabsynth.testkit.TestFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine rounds every generator's samples to the real data's written form, and model files keep the form. */
class WrittenFormModelTest {
    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        engine = Engine.classpath();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Real values written with at most two decimals; the test generator draws normal noise of many decimals. */
    private static Frame twoDecimals() {
        return TestFrames.numbers("x", 0.5, 1.25, 2.0, 3.75);
    }

    private static int mostDecimals(Frame f) {
        int most = 0;
        for (double v : f.doubles("x").asDoubleArray()) {
            int d = CellText.decimals(v);
            most = Math.max(most, d < 0 ? Integer.MAX_VALUE : d);
        }
        return most;
    }

    @Test
    void samplesOfAFittedAndOfALoadedModelHaveTheRealDecimals() throws IOException {
        FittedModel m = engine.fit(twoDecimals(), "mean", Map.of(), 5, Progress.NONE);
        assertEquals(Map.of("x", new WrittenForm.Form(2, null)), m.info().writtenForm().columns());
        Frame sampled = m.sampleFrame(500, 1);
        assertEquals(2, mostDecimals(sampled));
        Path file = dir.resolve("m.model");
        engine.save(m, file);
        assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).contains("\"writtenForm\":{\"x\":{\"decimals\":2}}"));
        FittedModel loaded = engine.load(file);
        assertEquals(m.info(), loaded.info());
        assertArrayEquals(sampled.doubles("x").asDoubleArray(), loaded.sampleFrame(500, 1).doubles("x").asDoubleArray());
    }

    @Test
    void aModelFileWithoutWrittenFormsLoadsAndSamplesAsItsGeneratorDoes() throws IOException {
        // a header without 'writtenForm' (as an engine writes when no column has one), sealed again with its digest
        Path file = dir.resolve("old.model");
        engine.save(engine.fit(twoDecimals(), "mean", Map.of(), 5, Progress.NONE), file);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String old = text.replace(",\"writtenForm\":{\"x\":{\"decimals\":2}}", "");
        assertFalse(old.equals(text));
        Files.write(file, EngineTest.reseal(old.getBytes(StandardCharsets.ISO_8859_1)));
        FittedModel loaded = engine.load(file);
        assertEquals(WrittenForm.NONE, loaded.info().writtenForm());
        assertTrue(mostDecimals(loaded.sampleFrame(500, 1)) > 2, "without a form the model samples as its generator does");
    }

    @Test
    void aSampleOfNoRowsIsRefusedBeforeAnythingIsWritten() {
        FittedModel m = engine.fit(twoDecimals(), "mean", Map.of(), 5, Progress.NONE);
        Path out = dir.resolve("none.csv");
        BadInputException e = assertThrows(BadInputException.class, () -> engine.sample(m, 0, 1, out, Progress.NONE));
        assertEquals("rows must be at least 1, not 0: a sample of no rows would be a file of a header alone, which is "
                + "no data to read back or evaluate", e.getMessage());
        assertFalse(Files.exists(out));
    }
}
