package io.tabsynth.engine.lineage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several signers on one DSSE envelope, each with a signed time. */
class SignedDocumentTest {
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T11:30:00Z");

    @TempDir
    Path dir;

    private final SigningKey author = SigningKey.generate();
    private final SigningKey approver = SigningKey.generate();
    private final TrustStore trust = new TrustStore().add(author.publicKeyBytes(), "author").add(approver.publicKeyBytes(), "Ann");
    private final byte[] payload = "{\"predicateType\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void approvalsKeepEarlierSignaturesAndEachVerifiesWithTheJdk() throws Exception {
        Path file = dir.resolve("plan.json");
        SignedDocument.create(Dsse.IN_TOTO, payload, author, T1).write(file);
        SignedDocument.read(file).approve(approver, T2, trust).write(file);
        SignedDocument doc = SignedDocument.read(file);
        List<SignedDocument.Signer> signers = doc.verify(trust);
        assertEquals(List.of(new SignedDocument.Signer(author.keyId(), "author", T1),
                new SignedDocument.Signer(approver.keyId(), "Ann", T2)), signers);
        ObjectNode env = (ObjectNode) Dsse.JSON.readTree(Files.readAllBytes(file));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(SigningKey.jdkPublicKey(approver.publicKeyBytes()));
        jdk.update(Dsse.pae(Dsse.IN_TOTO, payload));
        assertTrue(jdk.verify(Base64.getDecoder().decode(env.path("signatures").path(1).path("sig").asText())),
                "a plain DSSE signature: any DSSE tool verifies it");
    }

    @Test
    void aSecondSignatureByTheSameKeyIsRefused() {
        SignedDocument doc = SignedDocument.create(Dsse.IN_TOTO, payload, author, T1).approve(approver, T2, trust);
        BadInputException e = assertThrows(BadInputException.class, () -> doc.approve(approver, T2, trust));
        assertTrue(e.getMessage().contains("has signed it already"), e.getMessage());
        assertEquals(2, doc.keyIds().size());
    }

    @Test
    void aChangedPayloadTimeOrUntrustedKeyFails() throws Exception {
        Path file = dir.resolve("doc.json");
        SignedDocument.create(Dsse.IN_TOTO, payload, author, T1).approve(approver, T2, trust).write(file);
        String text = Files.readString(file);

        Files.writeString(file, text.replace(T2.toString(), "2026-11-02T11:30:00Z"));
        assertThrows(VerificationException.class, () -> SignedDocument.read(file).verify(trust), "a back-dated approval");

        String other = Base64.getEncoder().encodeToString("{\"predicateType\":\"y\"}".getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, text.replace(Base64.getEncoder().encodeToString(payload), other));
        VerificationException changed = assertThrows(VerificationException.class, () -> SignedDocument.read(file).verify(trust));
        assertTrue(changed.getMessage().contains("does not verify"), changed.getMessage());
        assertThrows(VerificationException.class, () -> SignedDocument.read(file).approve(SigningKey.generate(), T2, trust),
                "a signature over other bytes is not added to");

        Files.writeString(file, text);
        TrustStore authorOnly = new TrustStore().add(author.publicKeyBytes(), "author");
        VerificationException untrusted = assertThrows(VerificationException.class,
                () -> SignedDocument.read(file).verify(authorOnly));
        assertTrue(untrusted.getMessage().contains("which is not trusted"), untrusted.getMessage());
    }

    @Test
    void withoutItsApprovalsADocumentHasItsOriginalBytes() throws Exception {
        Path file = dir.resolve("cert.json");
        ObjectNode env = Envelope.sign(Dsse.IN_TOTO, payload, author).toJson();
        byte[] original = io.tabsynth.spi.JsonOutput.pretty(env, "certificate");
        Files.write(file, original);
        SignedDocument.read(file).approve(approver, T2, trust).write(file);
        SignedDocument approved = SignedDocument.read(file);
        assertArrayEquals(original, approved.bytesBeforeApprovals());
        assertNull(approved.verify(trust).get(0).approvedOn(), "the certifier's plain DSSE signature has no time");
    }
}
