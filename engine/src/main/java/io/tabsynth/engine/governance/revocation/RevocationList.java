package io.tabsynth.engine.governance.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.Envelope;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.Statement;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.io.AtomicFile;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A revocation list: the withdrawals of a ledger, exported for others to import. It is one DSSE envelope holding an
 * in-toto statement of predicate type {@value #PREDICATE_TYPE}, signed by the exporter: its subjects are the withdrawn
 * files (name, SHA-256, content digest and rows), and its predicate holds each withdrawal's own signed record, as the
 * ledger holds it. A reader checks the list's signature and every record's, each with a key it trusts, so a list
 * changed after it was signed, or a withdrawal changed inside it, is refused.
 */
public final class RevocationList {
    /** The predicate type of a revocation list. */
    public static final String PREDICATE_TYPE = "https://tabsynth.io/revocation/v1";
    private static final String RECORDS = "withdrawals";

    private RevocationList() {
    }

    /**
     * Writes the list of these withdrawals, signed with the key, atomically to {@code out}. The same withdrawals and key
     * give the same bytes.
     */
    public static void write(List<Withdrawal> withdrawals, SigningKey key, Path out) {
        ObjectNode st = Dsse.JSON.createObjectNode();
        st.put("_type", Statement.TYPE);
        ArrayNode subjects = st.putArray("subject");
        st.put("predicateType", PREDICATE_TYPE);
        ArrayNode records = st.putObject("predicate").putArray(RECORDS);
        for (Withdrawal w : withdrawals) {
            Artifact a = w.dataset();
            ObjectNode s = subjects.addObject().put("name", a.path().toString());
            s.putObject("digest").put("sha256", a.sha256());
            ObjectNode ann = s.putObject("annotations").put("withdrawal", w.kind().role());
            if (a.contentSha256() != null) {
                ann.put("contentSha256", a.contentSha256());
            }
            if (a.rows() >= 0) {
                ann.put("rows", a.rows());
            }
            records.add(w.record().toJson());
        }
        try {
            byte[] bytes = (Dsse.JSON.writeValueAsString(Dsse.sign(Dsse.IN_TOTO, Dsse.JSON.writeValueAsBytes(st), key)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(out, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new TabsynthException(out + ": cannot write the revocation list: " + e.getMessage(), e);
        }
    }

    /**
     * The withdrawals of a list whose signature, and each of whose records, verifies with a trusted key; a
     * {@link VerificationException} naming the list and what is wrong otherwise, a {@link BadInputException} for a file
     * that is not a revocation list.
     */
    public static List<Withdrawal> read(Path list, TrustStore trust) {
        JsonNode json;
        try {
            json = Dsse.JSON.readTree(Files.readAllBytes(list));
        } catch (NoSuchFileException e) {
            throw new BadInputException(list + ": revocation list not found");
        } catch (IOException e) {
            throw new BadInputException(list + ": not a revocation list (not JSON)");
        }
        if (json == null || !json.isObject()) {
            throw new BadInputException(list + ": not a revocation list (not a signed envelope)");
        }
        Envelope env = Envelope.parse(json, Dsse.IN_TOTO, list.toString());
        checkSignatures(env, trust, list.toString(), "the list was changed after it was signed");
        JsonNode st;
        try {
            st = Dsse.JSON.readTree(env.payload());
        } catch (IOException e) {
            throw new BadInputException(list + ": not a revocation list (its payload is not JSON)");
        }
        if (st == null || !PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
            throw new BadInputException(list + ": not a revocation list (its predicate type is not " + PREDICATE_TYPE + ")");
        }
        List<Withdrawal> out = new ArrayList<>();
        JsonNode records = st.path("predicate").path(RECORDS);
        for (int i = 0; i < records.size(); i++) {
            String where = list + " withdrawal " + (i + 1);
            SignedRecord record = SignedRecord.parse(records.get(i), where);
            checkSignatures(record.envelope(), trust, where, "the withdrawal was changed after it was signed");
            Withdrawal w = Withdrawal.of(record);
            if (w == null) {
                throw new BadInputException(where + ": is a record of '" + record.step().step() + "', not a revocation "
                        + "or retirement");
            }
            out.add(w);
        }
        return out;
    }

    /**
     * Imports a list that verifies ({@link #read}) into the folder of standing lists, under its digest, so every later
     * verify and certify honours it; returns its withdrawals. Importing the same list again changes nothing.
     */
    public static List<Withdrawal> importInto(Path list, TrustStore trust, Path folder) {
        List<Withdrawal> withdrawals = read(list, trust);
        try {
            byte[] bytes = Files.readAllBytes(list);
            Files.createDirectories(folder);
            Path kept = folder.resolve(Sha256.hex(bytes) + ".json");
            AtomicFile.write(kept, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new TabsynthException(folder + ": cannot import the revocation list: " + e.getMessage(), e);
        }
        return withdrawals;
    }

    private static void checkSignatures(Envelope env, TrustStore trust, String where, String changed) {
        for (Envelope.Signature s : env.signatures()) {
            byte[] key = trust.key(s.keyId());
            if (key == null) {
                throw new VerificationException(where + ": signed by key " + s.keyId() + ", which is not trusted "
                        + "(tabsynth keys trust adds a key)");
            }
            if (!SigningKey.verify(key, env.signedBytes(), s.bytes())) {
                throw new VerificationException(where + ": the signature does not verify with key " + trust.name(s.keyId())
                        + " (" + s.keyId() + "); " + changed);
            }
        }
    }
}
