package io.tabsynth.engine.lineage;

import java.util.List;

/**
 * The outcome of verifying a file's lineage or a ledger.
 *
 * @param target   what was verified
 * @param records  how many records were checked
 * @param problems what failed, each naming the record and file; empty when all is well
 * @param notes    facts worth telling that are not failures (e.g. a subject file no longer present)
 */
public record Verification(String target, int records, List<String> problems, List<String> notes) {
    public Verification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A verdict for people: {@code verified F: N records} or the problems. */
    @Override
    public String toString() {
        return ok() ? "verified " + target + ": " + records + " records, signatures, chain and digests intact"
                : "FAILED: " + target + ": " + String.join("; ", problems);
    }
}
