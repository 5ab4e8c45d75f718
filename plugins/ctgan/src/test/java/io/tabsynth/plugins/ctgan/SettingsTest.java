package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constants that shape CTGAN's networks are parameters: checked, used, recorded; their defaults unchanged. */
class SettingsTest {
    /** The parameters that were constants in the code before, with a value other than their default. */
    private static final Map<String, String> OTHER_VALUES = Map.of(Settings.TAU, "0.5", Settings.LAMBDA, "3",
            Settings.DROPOUT, "0.25", Settings.SLOPE, "0.1", Settings.BETA1, "0.8", Settings.BETA2, "0.99",
            Settings.CRITIC_STEPS, "2");

    private static final Frame REAL = CtganTest.data(600);

    private static Model fit(Map<String, String> more) {
        return CtganTest.fit(REAL, 1, 9, with(Map.of("width", "16", "embedding", "8"), more));
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static String sampled(Model m) {
        return ContentDigest.of(m.sample(200, 1).collect());
    }

    @Test
    void theDefaultsAreTheValuesThatWereConstantsBefore() {
        Ctgan ctgan = new Ctgan();
        Settings defaults = Settings.of(Params.resolve("ctgan", ctgan.describe(), Map.of()));
        // epochs, batch, pac, embedding, width, learning rate, weight decay, modes, averaging as they were; τ 0.2,
        // λ 10, dropout 0.5, LeakyReLU 0.2, Adam's betas (0.5, 0.9) and one critic update per step were written
        // into the code
        assertEquals(new Settings(300, 500, 10, 128, 256, 2e-4, 1e-6, 10, 0.2, 10, 0.999, 0.5, 0.2, 0.5, 0.9, 1),
                defaults);
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheParameter() {
        Ctgan ctgan = new Ctgan();
        Map<String, String> bad = Map.of(Settings.TAU, "0", Settings.LAMBDA, "-1", Settings.DROPOUT, "1",
                Settings.SLOPE, "1.5", Settings.BETA1, "1", Settings.BETA2, "-0.1", Settings.CRITIC_STEPS, "0");
        bad.forEach((name, value) -> {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Params.resolve("ctgan", ctgan.describe(), Map.of(name, value)), name);
            assertTrue(e.getMessage().startsWith("ctgan parameter '" + name + "': ")
                    && e.getMessage().contains("is outside"), e.getMessage());
        });
        BadInputException text = assertThrows(BadInputException.class,
                () -> Params.resolve("ctgan", ctgan.describe(), Map.of(Settings.TAU, "cold")));
        assertEquals("ctgan parameter 'tau': 'cold' is not a number", text.getMessage());
    }

    @Test
    void eachSettingChangesTheTrainedModel() {
        String defaults = sampled(fit(Map.of()));
        assertEquals(defaults, sampled(fit(Map.of())), "same data, parameters and seed: the same model");
        OTHER_VALUES.forEach((name, value) ->
                assertNotEquals(defaults, sampled(fit(Map.of(name, value))), name + "=" + value + " was not used"));
    }

    @Test
    void aModelSavedWithAnotherTemperatureSamplesWithItAfterLoading() throws Exception {
        Model m = fit(Map.of(Settings.TAU, "0.5"));
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        m.save(saved);
        assertTrue(saved.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"tau\":0.5"));
        Model loaded = new Ctgan().load(new ByteArrayInputStream(saved.toByteArray()));
        assertEquals(sampled(m), sampled(loaded));
    }

    @Test
    void everySettingIsRecordedWithTheFit() {
        try (Engine engine = Engine.classpath()) {
            Map<String, String> recorded = engine.fit(REAL, Ctgan.ID, with(OTHER_VALUES, Map.of("epochs", "1",
                    "batchSize", "100", "width", "16", "embedding", "8")), 9, Progress.NONE).info().params();
            OTHER_VALUES.forEach((name, value) ->
                    assertEquals(Double.parseDouble(value), Double.parseDouble(recorded.get(name)), name));
            assertEquals("16", recorded.get("width"));
        }
        try (Engine engine = Engine.classpath()) {
            Map<String, String> recorded = engine.fit(REAL, Ctgan.ID, Map.of("epochs", "1", "batchSize", "100",
                    "width", "16", "embedding", "8"), 9, Progress.NONE).info().params();
            for (String name : List.of(Settings.TAU, Settings.LAMBDA, Settings.DROPOUT, Settings.SLOPE,
                    Settings.BETA1, Settings.BETA2, Settings.CRITIC_STEPS)) {
                assertTrue(recorded.containsKey(name), name + " is recorded when left at its default: " + recorded);
            }
            assertEquals("0.2", recorded.get(Settings.TAU));
        }
    }

    @Test
    void aCheckpointRemembersTheSettingsAndOneWrittenBeforeTheyWereParametersResumes(@TempDir Path dir)
            throws Exception {
        Map<String, String> small = Map.of("width", "16", "embedding", "8");
        String straight = sampled(CtganTest.fit(REAL, 3, 9, small));
        Path ckpt = dir.resolve("run.ckpt");
        CtganTest.fit(REAL, 2, 9, with(small, Map.of("checkpoint", ckpt.toString(), "checkpointEvery", "1")));

        BadInputException other = assertThrows(BadInputException.class, () -> CtganTest.fit(REAL, 3, 9,
                with(small, Map.of("resume", ckpt.toString(), Settings.DROPOUT, "0.25"))));
        assertTrue(other.getMessage().contains("dropout=0.5, this run has 0.25"), other.getMessage());

        // a checkpoint written when dropout, the slope, the betas and the critic's steps were constants does not
        // name them
        ObjectNode n = (ObjectNode) CtganModel.JSON.readTree(ckpt.toFile());
        ((ObjectNode) n.get("settings")).remove(List.of(Settings.DROPOUT, Settings.SLOPE, Settings.BETA1,
                Settings.BETA2, Settings.CRITIC_STEPS));
        Path old = dir.resolve("old.ckpt");
        Files.write(old, CtganModel.JSON.writeValueAsBytes(n));
        assertEquals(straight, sampled(CtganTest.fit(REAL, 3, 9, with(small, Map.of("resume", old.toString())))));
        BadInputException changed = assertThrows(BadInputException.class, () -> CtganTest.fit(REAL, 3, 9,
                with(small, Map.of("resume", old.toString(), Settings.BETA2, "0.99"))));
        assertTrue(changed.getMessage().contains("beta2=0.9, this run has 0.99"), changed.getMessage());
    }
}
