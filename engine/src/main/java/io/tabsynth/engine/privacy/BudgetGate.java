package io.tabsynth.engine.privacy;

import static io.tabsynth.engine.lineage.FitPrivacy.shown;

import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.Sha256;
import io.tabsynth.spi.privacy.PrivacyCost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before a fit reads a single value, whether the privacy budget limits of a policy allow it: what the
 * ledgers recorded on the same data, plus what the fit plans to spend ({@code Generator.plannedPrivacyCost}), must
 * stay within every limit that applies. Only the data file's bytes are digested to find the past fits; the data is
 * not parsed. A limit written as a file name applies to any data with that file's digests, whatever its name. A fit with no formal guarantee, or on data that already has none, is refused while a limit applies.
 */
public final class BudgetGate {
    private final LedgerFits finder;
    private final List<Path> ledgers;

    /** A gate that counts the fits of these ledgers, verified with these trusted keys. */
    public BudgetGate(TrustStore trust, List<Path> ledgers) {
        this.finder = new LedgerFits(trust);
        this.ledgers = List.copyOf(ledgers);
    }

    /**
     * Refuses the fit with a {@link BudgetRefusedException} when a limit that applies does not allow it; does nothing
     * when none applies.
     *
     * @param limits        the limits of the policy or charter the fit is done under
     * @param data          the real data file
     * @param contentSha256 the data's content digest when it has already been read (the workbench), else {@code null}
     * @param generator     the generator's id, for the message
     * @param planned       what the fit will spend at most; empty for a fit with no formal guarantee
     */
    public void check(List<BudgetLimit> limits, Path data, String contentSha256, String generator,
                      Optional<PrivacyCost> planned) {
        if (limits.isEmpty()) {
            return;
        }
        if (!Files.isRegularFile(data)) {
            throw new BadInputException(data + ": file not found");
        }
        String sha256 = Sha256.file(data);
        List<RecordedFit> all = finder.all(ledgers);
        List<RecordedFit> fits = LedgerFits.onData(all, sha256, contentSha256);
        Set<String> digests = new HashSet<>();
        digests.add(sha256);
        if (contentSha256 != null) {
            digests.add(contentSha256);
        }
        fits.forEach(f -> {
            if (f.data().contentSha256() != null) {
                digests.add(f.data().contentSha256());
            }
        });
        SpentBudget spent = new SpentBudget(data, sha256, contentSha256, ledgers, fits);
        String fileName = data.getFileName().toString();
        for (BudgetLimit limit : limits) {
            Set<String> named = namedDigests(limit, all);
            if (limit.appliesTo(digests, fileName, named)) {
                check(limit, spent, generator, planned, contentSha256 == null, limit.namesFile()
                        && !limit.data().equals(fileName));
            }
        }
    }

    /**
     * The digests of the data a limit written as a file name stands for: the file and content digests the ledgers
     * recorded for real data of that file name, and the digest of the named file itself where it exists.
     */
    private static Set<String> namedDigests(BudgetLimit limit, List<RecordedFit> all) {
        Set<String> named = new HashSet<>();
        if (!limit.namesFile()) {
            return named;
        }
        for (RecordedFit f : all) {
            Path recorded = f.data().path().getFileName();
            if (recorded != null && recorded.toString().equals(limit.data())) {
                named.add(f.data().sha256());
                if (f.data().contentSha256() != null) {
                    named.add(f.data().contentSha256());
                }
            }
        }
        limit.namedFile().ifPresent(file -> named.add(Sha256.file(file)));
        return named;
    }

    private static void check(BudgetLimit limit, SpentBudget spent, String generator, Optional<PrivacyCost> planned,
                              boolean unread, boolean byContent) {
        String head = (unread ? "refused before reading the data" : "refused before the generator saw the data")
                + ": fitting " + generator + " on " + spent.data() + " under "
                + limit.policy() + " (maxEpsilon " + shown(limit.maxEpsilon()) + " at delta "
                + shown(limit.delta()) + (byContent ? " for " + limit.data() + ", whose data this file holds under "
                + "another name" : "") + "): ";
        if (planned.isEmpty()) {
            throw new BudgetRefusedException(head + generator + " gives no formal privacy guarantee with these "
                    + "parameters (it is not differentially private, or its noise is seeded), so no epsilon covers "
                    + "its output");
        }
        if (!spent.formalGuarantee()) {
            throw new BudgetRefusedException(head + "the data already has no formal privacy guarantee: "
                    + spent.statement(limit.delta()));
        }
        PrivacyCost total = SpentBudget.plus(spent.spent(), planned.get());
        double before = SpentBudget.epsilon(spent.spent(), limit.delta());
        double after = SpentBudget.epsilon(total, limit.delta());
        if (after > limit.maxEpsilon()) {
            throw new BudgetRefusedException(head + "already spent " + spentSoFar(spent, before)
                    + "; this fit would add rho " + shown(planned.get().rho().doubleValue())
                    + " (and selection delta " + shown(planned.get().selectionDelta())
                    + "), making epsilon " + shown(after) + " at delta " + shown(limit.delta())
                    + ", over the limit of " + shown(limit.maxEpsilon()));
        }
    }

    /** "rho 0.0244 by 1 fit (2026-12-07T.. dp-marginals a.model, epsilon 1), epsilon 1 at that delta". */
    private static String spentSoFar(SpentBudget spent, double epsilon) {
        List<RecordedFit> fits = spent.privateFits();
        if (fits.isEmpty()) {
            return "nothing (no recorded differentially private fit on this data)";
        }
        List<String> each = new ArrayList<>();
        for (RecordedFit f : fits) {
            each.add(f.when() + " " + f.generator() + " " + f.output() + ", epsilon " + shown(f.epsilonAsked())
                    + ", rho " + shown(f.rho().doubleValue()));
        }
        return "rho " + shown(spent.spent().rho().doubleValue()) + " by " + fits.size()
                + (fits.size() == 1 ? " fit" : " fits") + " (" + String.join("; ", each) + "), epsilon "
                + shown(epsilon) + " at that delta";
    }
}
