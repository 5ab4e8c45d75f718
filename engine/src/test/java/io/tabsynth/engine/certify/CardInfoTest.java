package io.tabsynth.engine.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a card says the dataset is for: the card info's words first, the charter's where the card info has none. */
class CardInfoTest {
    @TempDir
    Path dir;

    private static CharterWords charter() {
        return new CharterWords("clinic-release", "Teach triage staff with realistic visit records",
                List.of("training", "software testing"), List.of("triage staff"));
    }

    @Test
    void theCharterFillsThePurposeAndUsesTheCardInfoLeavesOut() throws Exception {
        CardInfo filled = CardInfo.none().withCharter(charter());
        assertEquals("Teach triage staff with realistic visit records", filled.get("purpose", null));
        assertEquals("training; software testing, by triage staff (from the charter clinic-release)",
                filled.get("intendedUse", null));
    }

    @Test
    void theCardInfoKeepsItsOwnWords() throws Exception {
        Path info = Files.writeString(dir.resolve("info.json"), "{\"purpose\": \"Our words\"}");
        CardInfo filled = CardInfo.read(info).withCharter(charter());
        assertEquals("Our words", filled.get("purpose", null));
        assertEquals("training; software testing, by triage staff (from the charter clinic-release)",
                filled.get("intendedUse", null));
    }
}
