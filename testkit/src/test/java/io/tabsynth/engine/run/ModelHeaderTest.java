package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
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

/** The model file's header names the data the model learnt from, and files written before it did still load. */
class ModelHeaderTest {
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

    private static JsonNode header(Path model) throws IOException {
        String[] lines = Files.readString(model, StandardCharsets.ISO_8859_1).split("\n", 3);
        return new ObjectMapper().readTree(lines[1]);
    }

    @Test
    void theHeaderCarriesTheTrainingDataNameAndContentDigest() throws IOException {
        Path csv = TestFrames.numbersCsv(dir.resolve("train.csv"), "x", 1.5, 2, 3.25, 4);
        Frame data = engine.read(csv, null);
        Path model = dir.resolve("m.model");
        engine.save(engine.fit(data, "mean", Map.of(), 3, Progress.NONE), model);
        JsonNode training = header(model).path("trainingData");
        assertEquals("train.csv", training.path("name").asText());
        assertEquals(ContentDigest.of(data), training.path("contentSha256").asText());
        assertEquals(io.tabsynth.engine.lineage.Artifact.of(data).contentSha256(), training.path("contentSha256").asText());
        FittedModel loaded = engine.load(model);
        assertEquals(new ModelInfo.TrainingData("train.csv", ContentDigest.of(data)), loaded.info().trainingData());
    }

    @Test
    void theSameDataInAnotherFormatGivesTheSameDigest() throws IOException {
        Path csv = TestFrames.numbersCsv(dir.resolve("a.csv"), "x", 1.5, 2.25);
        Path tsv = TestFrames.numbersCsv(dir.resolve("a.tsv"), "x", 1.5, 2.25);
        Path m1 = dir.resolve("1.model");
        Path m2 = dir.resolve("2.model");
        engine.save(engine.fit(engine.read(csv, null), "mean", Map.of(), 3, Progress.NONE), m1);
        engine.save(engine.fit(engine.read(tsv, null), "mean", Map.of(), 3, Progress.NONE), m2);
        assertEquals(header(m1).path("trainingData").path("contentSha256"),
                header(m2).path("trainingData").path("contentSha256"));
    }

    @Test
    void dataNotReadFromAFileIsNotNamed() throws IOException {
        Path model = dir.resolve("m.model");
        engine.save(engine.fit(EngineTest.data(), "mean", Map.of(), 3, Progress.NONE), model);
        assertFalse(header(model).has("trainingData"));
        assertNull(engine.load(model).info().trainingData());
    }

    @Test
    void aFormat2ModelWrittenBeforeTheFieldStillLoadsAndSamplesTheSame() throws IOException {
        Path csv = TestFrames.numbersCsv(dir.resolve("train.csv"), "x", 1.5, 2.5, 3.75, 4);
        FittedModel fitted = engine.fit(engine.read(csv, null), "mean", Map.of(), 3, Progress.NONE);
        Path model = dir.resolve("new.model");
        engine.save(fitted, model);
        String text = new String(Files.readAllBytes(model), StandardCharsets.ISO_8859_1);
        String without = text.replaceFirst("\"trainingData\":\\{[^}]*\\},", "");
        assertTrue(without.length() < text.length(), "the field was there to remove");
        Path old = dir.resolve("old.model");
        Files.write(old, EngineTest.reseal(without.getBytes(StandardCharsets.ISO_8859_1)));
        FittedModel loaded = engine.load(old);
        assertNull(loaded.info().trainingData());
        assertEquals(fitted.info().params(), loaded.info().params());
        assertArrayEquals(fitted.sampleFrame(50, 9).doubles("x").asDoubleArray(),
                loaded.sampleFrame(50, 9).doubles("x").asDoubleArray());
    }
}
