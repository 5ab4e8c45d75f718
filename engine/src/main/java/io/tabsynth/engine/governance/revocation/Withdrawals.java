package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Envelope;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Statement;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The withdrawals a verifier knows of: those in its ledger signed by a key it trusts, those of the revocation lists it
 * imported ({@code tabsynth revocations import}, kept in {@code revocations/} beside the key directory) and those of
 * the lists named for one command ({@code --revocations}). Every list is verified each time it is read, against the
 * trust of the moment.
 */
public final class Withdrawals {
    /** The folder, beside the key directory, that holds imported revocation lists. */
    public static final String IMPORTED = "revocations";

    private final List<Withdrawal> all;
    private final TrustStore trust;

    private Withdrawals(List<Withdrawal> all, TrustStore trust) {
        this.all = List.copyOf(all);
        this.trust = trust;
    }

    /**
     * The withdrawals in the ledger, in the imported lists and in the given lists; a
     * {@link io.tabsynth.engine.lineage.VerificationException} for a list that does not verify.
     */
    public static Withdrawals known(Ledger ledger, KeyStore keys, TrustStore trust, List<Path> lists) {
        List<Withdrawal> all = new ArrayList<>(inLedger(ledger, trust));
        for (Path list : imported(keys)) {
            all.addAll(RevocationList.read(list, trust));
        }
        for (Path list : lists) {
            all.addAll(RevocationList.read(list, trust));
        }
        return new Withdrawals(all, trust);
    }

    /**
     * The withdrawals the ledger records, signed by a trusted key; lines that are not records, and records of other
     * steps, are passed over (verifying the ledger reports them). A ledger that does not match its signed head (a
     * revocation cut off its end) is a {@link io.tabsynth.engine.lineage.VerificationException}.
     */
    public static List<Withdrawal> inLedger(Ledger ledger, TrustStore trust) {
        List<Withdrawal> out = new ArrayList<>();
        List<String> lines = ledger.verifiedLines(trust);
        for (int i = 0; i < lines.size(); i++) {
            SignedRecord record;
            try {
                record = SignedRecord.parse(lines.get(i), ledger.file().getFileName() + " line " + (i + 1));
            } catch (BadInputException notARecord) {
                continue;
            }
            Withdrawal w = Withdrawal.of(record);
            Envelope env = record.envelope();
            if (w != null && env.signedByTrusted(trust)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The folder of imported lists for this key store: {@value #IMPORTED} beside the key directory. */
    public static Path importedFolder(KeyStore keys) {
        return keys.dir().resolveSibling(IMPORTED);
    }

    private static List<Path> imported(KeyStore keys) {
        Path folder = importedFolder(keys);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new TabsynthException(folder + ": cannot list the imported revocation lists: " + e.getMessage(), e);
        }
    }

    public List<Withdrawal> all() {
        return all;
    }

    /**
     * Why a verified file must not be used, one line per revocation that covers it or a file in its chain (a model,
     * the data a model learnt from, an earlier dataset): "syn.csv was revoked by ..." or "syn.csv derives from the model
     * m.model (sha256 ab12…), which was revoked by ..."; empty when nothing in its chain is revoked.
     */
    public List<String> revocations(Verification v) {
        return findings(Withdrawal.Kind.REVOKED, v.target(), v.subject(), v.chain());
    }

    /** As {@link #revocations}, for retirements: "syn.csv was retired by ...". */
    public List<String> retirements(Verification v) {
        return findings(Withdrawal.Kind.RETIRED, v.target(), v.subject(), v.chain());
    }

    /**
     * As {@link #revocations} or {@link #retirements} ({@code kind}), for a file named {@code target} whose last record
     * names it as {@code self} ({@code null} if unknown) and whose history is {@code chain}, unverified (for showing
     * a history).
     */
    public List<String> findings(Withdrawal.Kind kind, String target, Artifact self, List<SignedRecord> chain) {
        Set<String> out = new LinkedHashSet<>();
        for (Withdrawal w : all) {
            if (w.kind() != kind) {
                continue;
            }
            if (self != null && w.covers(self)) {
                out.add(target + " was " + w.describe(trust));
                continue;
            }
            Artifact named = firstCovered(w, self, chain);
            if (named != null) {
                out.add(target + " derives from " + (named.role().equals(Statement.SUBJECT_ROLE) ? "" : "the " + named.role() + " ")
                        + named.path() + " (sha256 " + named.sha256().substring(0, Math.min(16, named.sha256().length()))
                        + "…), which was " + w.describe(trust));
            }
        }
        return List.copyOf(out);
    }

    /** The withdrawals of {@code kind} that cover {@code file} (its bytes, or the same data in another format). */
    public List<Withdrawal> covering(Withdrawal.Kind kind, Artifact file) {
        return all.stream().filter(w -> w.kind() == kind && file != null && w.covers(file)).distinct().toList();
    }

    /**
     * The retirements of a file that is not there any more: found by the name the ledger's records give it (and so by
     * its digests), or by the name the retirement gives it; empty when no retirement names it.
     */
    public List<Withdrawal> retirementsOfGone(Path target, Ledger ledger) {
        Artifact recorded;
        try {
            recorded = WithdrawnFile.ofNamed(target, ledger);
        } catch (BadInputException notRecorded) {
            recorded = null;
        }
        List<Withdrawal> out = new ArrayList<>();
        for (Withdrawal w : all) {
            if (w.kind() == Withdrawal.Kind.RETIRED && !out.contains(w)
                    && (recorded != null && w.covers(recorded) || w.dataset().path().equals(target))) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The file of the chain that {@code w} withdraws, other than {@code self}: the same file is the subject of the record
     * that made it and an input (a model, data) of the records after it, and one withdrawal is said once, naming the file
     * as the record that made it does where the chain holds that record; {@code null} when it covers none.
     */
    private static Artifact firstCovered(Withdrawal w, Artifact self, List<SignedRecord> chain) {
        Artifact asInput = null;
        for (SignedRecord r : chain) {
            for (Artifact a : r.subjects()) {
                if (w.covers(a) && (self == null || !a.sha256().equals(self.sha256()))) {
                    return a;
                }
            }
            for (Artifact a : r.step().inputs()) {
                if (asInput == null && w.covers(a) && (self == null || !a.sha256().equals(self.sha256()))) {
                    asInput = a;
                }
            }
        }
        return asInput;
    }
}
