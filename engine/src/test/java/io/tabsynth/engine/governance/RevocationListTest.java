package io.tabsynth.engine.governance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.governance.revocation.RetirementApproval;
import io.tabsynth.engine.governance.revocation.RevocationList;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.Withdrawals;
import io.tabsynth.engine.governance.revocation.Withdrawing;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation lists: the same bytes each time, and no withdrawal inside one can be changed, even by a trusted exporter. */
class RevocationListTest {
    @TempDir
    Path dir;

    private Lineage lineage(String who) {
        return new Lineage(new Ledger(dir.resolve(who + ".jsonl")), new KeyStore(dir.resolve(who + "-keys")));
    }

    private static Artifact dataset(String name, char digit) {
        return new Artifact("dataset", Path.of(name), String.valueOf(digit).repeat(64), "c".repeat(64), 10);
    }

    @Test
    void theSameWithdrawalsAndKeyGiveTheSameBytesAndReadBack() throws Exception {
        Lineage steward = lineage("steward");
        Withdrawing withdrawing = new Withdrawing(steward);
        withdrawing.revoke(dataset("a.csv", 'a'), "consent withdrawn", "Steward");
        withdrawing.retire(dataset("b.csv", 'b'), "copies deleted", "Steward", RetirementApproval.NONE);
        TrustStore trust = TrustStore.standard(steward.keys());
        List<Withdrawal> all = Withdrawals.inLedger(steward.ledger(), trust);
        assertEquals(2, all.size());
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");
        RevocationList.write(all, steward.keys().signingKey(), one);
        RevocationList.write(all, steward.keys().signingKey(), two);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        List<Withdrawal> read = RevocationList.read(one, trust);
        assertEquals(List.of(Withdrawal.Kind.REVOKED, Withdrawal.Kind.RETIRED), read.stream().map(Withdrawal::kind).toList());
        assertEquals("consent withdrawn", read.get(0).reason());
        assertTrue(read.get(0).covers(new Artifact("x", Path.of("a.parquet"), "e".repeat(64), "c".repeat(64), 10)),
                "the same content in another format is covered");
    }

    @Test
    void aWithdrawalChangedInsideAListThatTheExporterSignedAgainIsRefused() throws Exception {
        Lineage steward = lineage("steward");
        new Withdrawing(steward).revoke(dataset("a.csv", 'a'), "consent withdrawn", "Steward");
        Lineage exporter = lineage("exporter");
        TrustStore trust = TrustStore.standard(steward.keys());
        SigningKey exporterKey = exporter.keys().signingKey();
        trust.add(exporterKey.publicKeyBytes(), "exporter");
        Path list = dir.resolve("list.json");
        RevocationList.write(Withdrawals.inLedger(steward.ledger(), trust), exporterKey, list);
        assertEquals(1, RevocationList.read(list, trust).size(), "a list may be exported by another trusted key");

        ObjectNode outer = (ObjectNode) Dsse.JSON.readTree(Files.readAllBytes(list));
        ObjectNode statement = (ObjectNode) Dsse.JSON.readTree(Dsse.payload(outer));
        ObjectNode inner = (ObjectNode) statement.path("predicate").path("withdrawals").get(0);
        String changed = new String(Dsse.payload(inner), StandardCharsets.UTF_8).replace("consent withdrawn", "no reason");
        inner.put("payload", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, Dsse.JSON.writeValueAsString(Dsse.sign(Dsse.IN_TOTO,
                Dsse.JSON.writeValueAsBytes(statement), exporterKey)));
        VerificationException e = assertThrows(VerificationException.class, () -> RevocationList.read(forged, trust));
        assertTrue(e.getMessage().contains("forged.json withdrawal 1: the signature does not verify")
                && e.getMessage().contains("the withdrawal was changed after it was signed"), e.getMessage());
    }

    @Test
    void aRetirementTheApprovalHookRefusesIsNotRecordedAndAReasonIsRequired() {
        Lineage steward = lineage("steward");
        Withdrawing withdrawing = new Withdrawing(steward);
        RetirementApproval refuse = (file, reason) -> {
            throw new TabsynthException("2 of 3 approvals missing");
        };
        assertThrows(TabsynthException.class,
                () -> withdrawing.retire(dataset("a.csv", 'a'), "copies deleted", "Steward", refuse));
        assertThrows(BadInputException.class, () -> withdrawing.revoke(dataset("a.csv", 'a'), "  ", "Steward"));
        assertEquals(List.of(), steward.ledger().lines(), "nothing recorded");
    }
}
