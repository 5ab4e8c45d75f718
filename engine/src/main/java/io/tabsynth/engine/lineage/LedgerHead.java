package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ledger's signed head ({@code ledger.jsonl.head}): the number of records the ledger held after its last append and
 * the digest of its last line, signed by the key that appended. A ledger that no longer matches its head (lines cut
 * off the end, a head removed or edited) is not read or appended to: appending would sign the cut ledger as whole.
 */
final class LedgerHead {
    static final String TYPE = "application/vnd.tabsynth.ledger-head+json";

    private LedgerHead() {
    }

    /** Signs and writes the head of {@code ledger}: {@code records} records, the last with digest {@code last}. */
    static void write(Ledger ledger, long records, String last, SigningKey key) {
        ObjectNode h = Dsse.JSON.createObjectNode();
        h.put("ledger", ledger.file().getFileName().toString());
        h.put("records", records);
        h.put("last", last);
        byte[] payload;
        try {
            payload = Dsse.JSON.writeValueAsBytes(h);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode env = Dsse.sign(TYPE, payload, key);
        AtomicFile.write(ledger.head(), tmp -> Files.write(tmp, (Dsse.JSON.writeValueAsString(env) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * What is wrong with the ledger's head, for a ledger of {@code count} records whose last line has the digest
     * {@code last} ({@code null} when empty), or {@code null} when the head is signed by a trusted key and matches.
     */
    static String problem(Ledger ledger, long count, String last, TrustStore trust) {
        Path head = ledger.head();
        String name = head.getFileName().toString();
        if (!Files.exists(head)) {
            return count > 0 ? name + ": missing; the ledger's length cannot be confirmed" : null;
        }
        JsonNode h;
        try {
            String text = Files.readString(head, StandardCharsets.UTF_8);
            JsonNode json = Dsse.JSON.readTree(text);
            Envelope env = json == null ? null : Envelope.parse(json, TYPE, name);
            if (env == null || !(Dsse.JSON.writeValueAsString(json) + "\n").equals(text) || !env.signedByTrusted(trust)) {
                return name + ": not a valid signed ledger head";
            }
            h = Dsse.JSON.readTree(env.payload());
        } catch (IOException | BadInputException e) {
            return name + ": not a valid signed ledger head";
        }
        long signed = h.path("records").asLong();
        boolean sameLast = h.path("last").asText().equals(last);
        if (signed == count && sameLast) {
            return null;
        }
        return name + ": signed for " + signed + " records but the ledger has " + count
                + (signed > count && !sameLast ? "; records were removed from the end"
                : sameLast ? "; its last record is the one the head signed, so records were removed or inserted before it"
                : "");
    }

    /**
     * The exception that refuses to use a ledger that does not match its head: exit 4, naming the ledger and what is
     * wrong, and saying that {@code refused} (reading it, appending to it) was not done.
     */
    static VerificationException refusal(Ledger ledger, String problem, String refused) {
        return new VerificationException(ledger.file() + ": does not match its signed head (" + problem + "); " + refused
                + ". Restore the ledger and its head from a backup; tabsynth lineage verify " + ledger.file()
                + " says what is wrong");
    }
}
