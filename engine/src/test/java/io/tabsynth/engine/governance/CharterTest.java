package io.tabsynth.engine.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.policy.Policy;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A charter's schema, its canonical signed form, its quorums, and its checks as a policy. */
class CharterTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    private ObjectNode charter() throws Exception {
        return (ObjectNode) Dsse.JSON.readTree("{\"name\": \"c\", \"version\": 1, \"purpose\": \"tests\","
                + "\"approvedUses\": [\"testing\"], \"audiences\": [\"us\"], \"checks\": [\"fidelity.score >= 0.7\"],"
                + "\"privacyBudget\": [{\"data\": \"real.csv\", \"maxEpsilon\": 2}],"
                + "\"approvers\": [{\"name\": \"A\", \"keyid\": \"" + A + "\"}, {\"name\": \"B\", \"keyid\": \"" + B + "\"}],"
                + "\"quorum\": {\"plan\": 1, \"release\": 2}, \"reviewInterval\": \"P90D\", \"issued\": \"2026-01-01\"}");
    }

    private String problem(ObjectNode c) {
        return assertThrows(BadInputException.class, () -> Charter.of(c, "c.json")).getMessage();
    }

    @Test
    void eachMalformedFieldIsNamed() throws Exception {
        ObjectNode c = charter();
        c.remove("purpose");
        assertEquals("c.json: 'purpose' is missing or not text", problem(c));
        c = charter();
        c.put("version", 0);
        assertTrue(problem(c).contains("'version' must be a whole number from 1 up"));
        c = charter();
        c.putArray("checks").add("fidelity.score about 0.7");
        assertTrue(problem(c).contains("check 1 'fidelity.score about 0.7' is not of the form"), problem(c));
        c = charter();
        c.withArray("approvers").addObject().put("name", "A again").put("keyid", A);
        assertTrue(problem(c).contains("approvers[2] has the key of an earlier approver"));
        c = charter();
        ((ObjectNode) c.path("approvers").path(0)).put("keyid", "abc");
        assertTrue(problem(c).contains("approvers[0].keyid 'abc' is not a key id"));
        c = charter();
        c.withObject("quorum").put("release", 3);
        assertEquals("c.json: 'quorum.release' is 3 but there are only 2 approvers", problem(c));
        c = charter();
        c.put("reviewInterval", "quarterly");
        assertTrue(problem(c).contains("'reviewInterval' 'quarterly' is not a period"));
        c = charter();
        ((ObjectNode) c.path("privacyBudget").path(0)).put("maxEpsilon", -1);
        assertTrue(problem(c).contains("privacyBudget[0].maxEpsilon must be a positive number"));
    }

    @Test
    void quorumsReviewDateAndCanonicalForm() throws Exception {
        Charter c = Charter.of(charter(), "c.json");
        assertEquals(2, c.quorum("charter"), "the charter itself: every approver unless given");
        assertEquals(1, c.quorum("plan"));
        assertEquals(LocalDate.parse("2026-04-01"), c.reviewDue());
        ObjectNode given = charter();
        ObjectNode reordered = Dsse.JSON.createObjectNode();
        List.of("issued", "reviewInterval", "quorum", "approvers", "privacyBudget", "checks", "audiences", "approvedUses",
                "purpose", "version", "name").forEach(f -> reordered.set(f, given.path(f)));
        assertEquals(new String(c.payload()), new String(Charter.of(reordered, "r.json").payload()),
                "the same charter signs to the same bytes whatever the order of its fields");
        assertEquals(c.body(), Charter.ofStatement(c.statement(), "s").body());
    }

    @Test
    void aQuorumNamesWhoIsMissing() throws Exception {
        Charter c = Charter.of(charter(), "c.json");
        Quorum q = Quorum.of(c, "release", List.of(new SignedDocument.Signer(B, "b", Instant.EPOCH),
                new SignedDocument.Signer("c".repeat(64), "not an approver", Instant.EPOCH)));
        assertEquals(1, q.approvedBy().size(), "only approvers count");
        assertEquals("B", q.approvedBy().get(0).name(), "named as the charter names them");
        assertEquals("the release needs 1 more approval (quorum 2 of 2), from A", q.stillNeeded());
    }

    @Test
    void aSignedCharterServesAsAPolicy() throws Exception {
        Path file = dir.resolve("charter.json");
        SignedDocument.create(Dsse.IN_TOTO, Charter.of(charter(), "c.json").payload(), SigningKey.generate(), Instant.EPOCH)
                .write(file);
        Policy p = Policy.read(file);
        assertEquals(List.of(new Policy.Check("fidelity.score", ">=", 0.7)), p.checks());
        assertTrue(Files.size(file) > 0);
    }
}
