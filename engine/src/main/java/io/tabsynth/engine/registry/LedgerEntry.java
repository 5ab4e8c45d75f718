package io.tabsynth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Statement;
import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of a verified ledger, read generically: any in-toto statement, whatever its predicate type, gives its
 * subjects and inputs; a tabsynth lineage statement also gives its typed {@link SignedRecord}.
 *
 * @param ledger    the ledger file
 * @param position  the line's place in it, from 0
 * @param digest    the SHA-256 of the line: what every index row made from it records
 * @param keyId     the id of the key of its first signature
 * @param statement the signed statement
 * @param record    the lineage record, or {@code null} for a statement of another predicate type
 */
public record LedgerEntry(Path ledger, long position, String digest, String keyId, JsonNode statement,
                          SignedRecord record) {

    /** Reads a line of a ledger that was verified. */
    static LedgerEntry read(Path ledger, long position, String line) {
        String where = ledger.getFileName() + " line " + (position + 1);
        JsonNode envelope;
        JsonNode statement;
        try {
            envelope = Dsse.JSON.readTree(line);
            statement = Dsse.JSON.readTree(Dsse.payload(envelope));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(where + ": not a signed statement");
        }
        SignedRecord record = Statement.PREDICATE_TYPE.equals(statement.path("predicateType").asText())
                ? SignedRecord.parse(envelope, where) : null;
        return new LedgerEntry(ledger, position, Ledger.digest(line), envelope.path("signatures").path(0).path("keyid").asText(),
                statement, record);
    }

    public String predicateType() {
        return statement.path("predicateType").asText();
    }

    /** The step the predicate names ({@code fit}, {@code revalidate}, ...), or {@code null}. */
    public String step() {
        JsonNode step = statement.path("predicate").path("step");
        return step.isTextual() ? step.asText() : null;
    }

    /** When it was signed: the predicate's {@code finishedOn}, or {@code null} when it has none. */
    public String signedOn() {
        JsonNode on = statement.path("predicate").path("finishedOn");
        return on.isTextual() ? on.asText() : null;
    }

    /** The subjects (role {@code subject}) then the inputs, as rows of {@link RegistrySchema#ARTIFACTS}. */
    List<Map<String, String>> artifactRows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode s : statement.path("subject")) {
            rows.add(artifactRow(rows.size(), Statement.SUBJECT_ROLE, s));
        }
        for (JsonNode in : statement.path("predicate").path("inputs")) {
            rows.add(artifactRow(rows.size(), in.path("role").asText(null), in));
        }
        return rows;
    }

    private Map<String, String> artifactRow(int index, String role, JsonNode d) {
        JsonNode ann = d.path("annotations");
        return IndexRows.row(RegistrySchema.ARTIFACTS, digest, index, role, d.path("name").asText(null),
                d.path("digest").path("sha256").asText(null), ann.path("contentSha256").asText(null),
                ann.path("rows").isIntegralNumber() ? ann.path("rows").asLong() : null);
    }

    /** The entry as a row of {@link RegistrySchema#ENTRIES}. */
    Map<String, String> entryRow() {
        return IndexRows.row(RegistrySchema.ENTRIES, digest, ledger.toString(), position, predicateType(), step(), keyId,
                signedOn(), statement.toString());
    }
}
