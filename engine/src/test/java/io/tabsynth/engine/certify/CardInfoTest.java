package io.tabsynth.engine.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.engine.governance.Charter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a card says the dataset is for: the card info's words first, the charter's where the card info has none. */
class CardInfoTest {
    @TempDir
    Path dir;

    private Charter charter() throws Exception {
        return Charter.readDraft(Files.writeString(dir.resolve("charter.json"), "{\"name\": \"clinic-release\", "
                + "\"version\": 1, \"purpose\": \"Teach triage staff with realistic visit records\","
                + "\"approvedUses\": [\"training\", \"software testing\"], \"audiences\": [\"triage staff\"],"
                + "\"checks\": [\"fidelity.score >= 0.7\"], \"privacyBudget\": [],"
                + "\"approvers\": [{\"name\": \"A\", \"keyid\": \"" + "a".repeat(64) + "\"}],"
                + "\"quorum\": {\"plan\": 1, \"release\": 1}, \"reviewInterval\": \"P90D\", \"issued\": \"2026-01-01\"}"));
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
