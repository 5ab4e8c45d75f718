package io.tabsynth.engine.lineage;

import java.util.List;

/**
 * The outcome of verifying a file's lineage or a ledger.
 *
 * @param target     what was verified
 * @param records    how many records were checked
 * @param problems   what failed, each naming the record and file; empty when all is well
 * @param notes      facts worth telling that are not failures (e.g. a subject file no longer present, a renamed file)
 * @param unreached  where the chain stops short of real data: an input (a model) that no record in the chain
 *                   made, so nothing shows what it was learned from; empty when the chain is complete
 * @param chain      the records read, oldest first (a file's sidecar records, or a ledger's); those that could
 *                   not be read are left out, and it is complete only when {@link #ok()}
 * @param subject    for a verified file, the last record's subject naming it, whose SHA-256 the file's bytes were
 *                   found to have; {@code null} for a ledger or a file that did not verify
 */
public record Verification(String target, int records, List<String> problems, List<String> notes,
                           List<String> unreached, List<SignedRecord> chain, Artifact subject) {
    public Verification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        unreached = List.copyOf(unreached);
        chain = List.copyOf(chain);
    }

    /** A verification of a file's chain, without the records read. */
    public Verification(String target, int records, List<String> problems, List<String> notes,
                        List<String> unreached) {
        this(target, records, problems, notes, unreached, List.of(), null);
    }

    /** A verification that found nothing to say about the chain's origin (a ledger, or a file that failed early). */
    public Verification(String target, int records, List<String> problems, List<String> notes) {
        this(target, records, problems, notes, List.of());
    }

    /** Signatures, chain and digests are intact (the chain may still not reach real data: {@link #reachesRealData}). */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Every model in the chain was made by a recorded fit, so the chain reaches the data it was learned from. */
    public boolean reachesRealData() {
        return unreached.isEmpty();
    }

    /** A verdict for people: {@code verified F: N records}, the origin that could not be reached, or the problems. */
    @Override
    public String toString() {
        if (!ok()) {
            return "FAILED: " + target + ": " + String.join("; ", problems);
        }
        if (!reachesRealData()) {
            return "NOT VERIFIED: " + target + ": " + count() + ", signatures and digests intact, but "
                    + unreachedSummary();
        }
        return "verified " + target + ": " + count() + ", signatures, chain and digests intact";
    }

    private String count() {
        return records + (records == 1 ? " record" : " records");
    }

    /** "the chain does not reach real data: ..." naming each input of unknown origin. */
    public String unreachedSummary() {
        return "the chain does not reach real data: " + String.join("; ", unreached);
    }
}
