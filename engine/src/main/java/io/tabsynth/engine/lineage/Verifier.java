package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks lineage: every envelope is in canonical form and signed by a trusted key, every statement is an
 * in-toto v1 statement of tabsynth's predicate; for a file, that its sidecar links each record to the ones
 * before it and that the file still has the digest of the last record; for a ledger, the chain of previous
 * digests and sequence numbers, the signed head, and the digests of subject files that still exist.
 */
public final class Verifier {
    private final TrustStore trust;

    public Verifier(TrustStore trust) {
        this.trust = trust;
    }

    /**
     * Verifies a file against its {@code FILE.lineage.json}. A file renamed together with its sidecar is checked
     * under the name its lineage recorded, and the rename is a note, not a problem. A model that the chain uses
     * but no record in it made (a model of unknown origin) is named in {@link Verification#unreached()}.
     */
    public Verification verifyFile(Path file) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> unreached = new ArrayList<>();
        Path side = Sidecar.of(file);
        if (!Files.exists(file)) {
            return new Verification(file.toString(), 0, List.of(file + ": file not found"), notes);
        }
        if (!Files.exists(side)) {
            return new Verification(file.toString(), 0, List.of(file + ": has no lineage sidecar " + side.getFileName()), notes);
        }
        List<JsonNode> records;
        String name = file.getFileName().toString();
        try {
            byte[] bytes = Files.readAllBytes(side);
            JsonNode root = Dsse.JSON.readTree(bytes);
            records = new ArrayList<>();
            root.path("records").forEach(records::add);
            name = root.path("subject").asText(name);
            if (!Arrays.equals(bytes, Sidecar.encode(name, records))) {
                problems.add(side + ": not in canonical form (changed after it was written)");
            }
        } catch (IOException e) {
            return new Verification(file.toString(), 0, List.of(side + ": not valid JSON: " + e.getMessage()), notes);
        }
        if (records.isEmpty()) {
            problems.add(side + ": holds no records");
        }
        Set<String> produced = new HashSet<>();
        List<SignedRecord> chain = new ArrayList<>();
        SignedRecord last = null;
        for (int i = 0; i < records.size(); i++) {
            String where = Sidecar.where(file, i);
            SignedRecord record = record(records.get(i), where, problems);
            if (record == null) {
                continue;
            }
            chain.add(record);
            Step step = record.step();
            where += " (" + step.step() + ")";
            boolean unknownModel = false;
            for (Artifact in : step.inputs()) {
                if (Artifact.MODEL_ROLE.equals(in.role()) && !produced.contains(in.sha256())) {
                    unknownModel = true;
                    unreached.add(where + " used the model " + in.path() + " (sha256 " + in.sha256()
                            + "), which no earlier record made: its fit, and the data it learned from, are not recorded");
                }
            }
            if (i > 0 && !unknownModel && !startsAChain(step)
                    && step.inputs().stream().noneMatch(in -> produced.contains(in.sha256()))) {
                problems.add(where + ": none of its inputs is an output of an earlier record; the chain is broken");
            }
            for (Artifact s : record.subjects()) {
                produced.add(s.sha256());
            }
            last = record;
        }
        Artifact verified = null;
        if (last != null) {
            String actual = Sha256.file(file);
            Artifact expected = last.subjectNamed(name);
            if (expected != null && !expected.sha256().equals(actual) && approvedLater(file, expected.sha256(), notes)) {
                actual = expected.sha256();
            }
            if (expected == null) {
                problems.add(side.getFileName() + " record " + records.size() + ": does not name " + name + " as a subject");
            } else if (!expected.sha256().equals(actual)) {
                problems.add(file + ": sha256 is " + actual + " but record " + records.size() + " signed " + expected.sha256()
                        + "; the file has changed");
            } else {
                verified = expected;
                if (!name.equals(file.getFileName().toString())) {
                    notes.add(file.getFileName() + " was named " + name + " when its lineage was written; it was renamed "
                            + "together with its sidecar, and its content is the one the records signed");
                }
            }
        }
        return new Verification(file.toString(), records.size(), problems, notes, unreached, chain,
                problems.isEmpty() ? verified : null);
    }

    /** Verifies a ledger: signatures, chain, sequence, signed head, and subject files that still exist. */
    public Verification verifyLedger(Path ledgerFile) {
        return verifyLedger(ledgerFile, true);
    }

    /**
     * Verifies a ledger's records only: signatures, chain, sequence and signed head, not the files they name, which
     * may have changed since without changing what the records say (the privacy budget reads records, not files).
     */
    public Verification verifyLedgerRecords(Path ledgerFile) {
        return verifyLedger(ledgerFile, false);
    }

    private Verification verifyLedger(Path ledgerFile, boolean checkSubjects) {
        Ledger ledger = new Ledger(ledgerFile);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> lines;
        try {
            lines = ledger.lines();
        } catch (RuntimeException e) {
            return new Verification(ledgerFile.toString(), 0, List.of(e.getMessage()), notes);
        }
        Path base = ledger.file().getParent().getParent();
        Map<Path, Integer> lastWriter = checkSubjects ? lastWriters(lines, base) : Map.of();
        String previous = null;
        long expectedSequence = 0;
        ChainBreaks breaks = new ChainBreaks(lines.size());
        List<SignedRecord> chain = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = ledger.where(i);
            String line = lines.get(i);
            JsonNode env;
            try {
                env = Dsse.JSON.readTree(line);
                if (!Dsse.JSON.writeValueAsString(env).equals(line)) {
                    problems.add(where + ": not in canonical form (the line was changed)");
                }
            } catch (IOException e) {
                problems.add(where + ": not valid JSON");
                previous = Ledger.digest(line);
                expectedSequence++;
                continue;
            }
            SignedRecord record = record(env, where, problems);
            if (record != null) {
                chain.add(record);
                where += " (" + record.step().step() + ")";
                breaks.check(where, i, !Objects.equals(record.previousRecord(), previous), record.sequence(),
                        expectedSequence);
                expectedSequence = record.sequence() + 1;
                for (Artifact s : checkSubjects ? record.subjects() : List.<Artifact>of()) {
                    Path found = Files.exists(s.path()) ? s.path() : base.resolve(s.path());
                    Integer replacedBy = lastWriter.get(found.toAbsolutePath().normalize());
                    if (replacedBy != null && replacedBy > i) {
                        notes.add(where + ": " + s.path() + " was written again by " + ledger.where(replacedBy));
                    } else if (!Files.exists(found)) {
                        notes.add(where + ": " + s.path() + " is no longer present");
                    } else if (!Sha256.file(found).equals(s.sha256()) && !approvedLater(found, s.sha256(), notes)) {
                        problems.add(where + ": " + found + " no longer has the digest this record signed; the file has changed");
                    }
                }
            }
            previous = Ledger.digest(line);
        }
        breaks.report(problems);
        checkHead(ledger, lines.size(), previous, problems);
        return new Verification(ledgerFile.toString(), lines.size(), problems, notes, List.of(), chain, null);
    }

    /**
     * For each file that records of the ledger name as a subject, the line of the last such record: a file written
     * again (a checkpoint replaced every few epochs, an output made anew) has the digest of its last record, and the
     * earlier records' digests are history. Lines that cannot be read are skipped here; the main pass reports them.
     */
    private static Map<Path, Integer> lastWriters(List<String> lines, Path base) {
        Map<Path, Integer> last = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                for (Artifact s : SignedRecord.parse(lines.get(i), "line " + i).subjects()) {
                    Path found = Files.exists(s.path()) ? s.path() : base.resolve(s.path());
                    last.put(found.toAbsolutePath().normalize(), i);
                }
            } catch (RuntimeException unreadable) {
                // reported by the main pass, with the line's place
            }
        }
        return last;
    }

    private void checkHead(Ledger ledger, int count, String lastDigest, List<String> problems) {
        String problem = LedgerHead.problem(ledger, count, lastDigest, trust);
        if (problem != null) {
            problems.add(problem);
        }
    }

    /**
     * Reads a record and checks that every signature verifies with a trusted key; returns it, or {@code null}
     * after adding the problem. Signatures are checked before the statement is read, so a changed payload is
     * reported as the broken signature it is.
     */
    private SignedRecord record(JsonNode json, String where, List<String> problems) {
        try {
            Envelope env = Envelope.parse(json, Dsse.IN_TOTO, where);
            for (Envelope.Signature s : env.signatures()) {
                byte[] key = trust.key(s.keyId());
                if (key == null) {
                    problems.add(where + ": signed by key " + s.keyId() + ", which is not trusted");
                    return null;
                }
                if (!SigningKey.verify(key, env.signedBytes(), s.bytes())) {
                    problems.add(where + ": signature does not verify with key " + trust.name(s.keyId()) + " (" + s.keyId() + ")");
                    return null;
                }
            }
            return SignedRecord.of(env, json, where);
        } catch (BadInputException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /**
     * Whether the file is a signed document (a certificate) that approvers signed after its record was made: with the
     * approvals' signatures taken out it has the digest the record signed. The approvals are checked where they are
     * counted ({@link SignedDocument#verify}). When it is, a note says so. A file's history and the ledger both ask
     * this, so a certificate approved after certify verifies the same way in either.
     */
    private static boolean approvedLater(Path file, String signedSha256, List<String> notes) {
        boolean approved;
        try {
            approved = Sha256.hex(SignedDocument.read(file).bytesBeforeApprovals()).equals(signedSha256);
        } catch (RuntimeException notSigned) {
            approved = false;
        }
        if (approved) {
            notes.add(file.getFileName() + " has approvals added after it was written; without them it is the file "
                    + "the records signed");
        }
        return approved;
    }

    /**
     * Whether a step may begin a chain of its own inside a file's history: one that read nothing (data written from
     * memory, such as a holdout the workbench or the demo made) or read only real data and its metadata
     * (with the charter it was done under and the plan it followed, which no record makes). A history
     * joins the chains of every input, so an evaluation with a holdout holds two; any other step must read an
     * output of an earlier record.
     */
    private static boolean startsAChain(Step step) {
        return step.inputs().stream().allMatch(in -> Artifact.REAL_DATA_ROLE.equals(in.role())
                || Artifact.METADATA_ROLE.equals(in.role()) || Artifact.GOVERNANCE_ROLES.contains(in.role()));
    }
}
