package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A single copula ({@code clusters=1}) is the model that builds before the mixture wrote: the same payload bytes,
 * and a model file from before loads and samples the same rows. The digests below were printed by this test run
 * against the plugin as it was before the mixture (commit c19f341, where the default was the single copula).
 */
class OldModelsTest {
    /** The payload a single copula of {@code KnownCopula.draw(3000, 5)} with fit seed 1 had before the mixture. */
    static final String OLD_PAYLOAD = "2dd42c52be20f326587683bd0e031b16bd87ec142ddfa6497630cf955eadf6d4";
    /** Its 2,000 rows drawn with seed 3 before the mixture, as text. */
    static final String OLD_ROWS = "d760cd9e2eee75807ee979e30944213ea91cd33b1bd64fddb43426fd0872a6f1";

    @Test
    void aSingleCopulaIsTheModelBuildsBeforeTheMixtureWrote() throws IOException {
        Frame real = KnownCopula.draw(3000, 5);
        Model model = new GaussianCopula().fit(real, GaussianCopulaTest.single(), FitContext.of(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        Model loaded = new GaussianCopula().load(new ByteArrayInputStream(out.toByteArray()));
        String payload = Sha256.hex(out.toByteArray());
        String rows = Sha256.hex(GaussianCopulaTest.text(loaded.sampleFrame(2000, 3)).getBytes(StandardCharsets.UTF_8));
        System.out.println("single copula payload " + payload + " rows " + rows);
        assertEquals(OLD_PAYLOAD, payload, "payload bytes");
        assertEquals(OLD_ROWS, rows, "sampled rows");
    }
}
