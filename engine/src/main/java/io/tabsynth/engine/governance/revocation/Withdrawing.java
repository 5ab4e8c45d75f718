package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.spi.BadInputException;

/** Records withdrawals: each is signed with the lineage's key and appended to its ledger. */
public final class Withdrawing {
    private final Lineage lineage;

    public Withdrawing(Lineage lineage) {
        this.lineage = lineage;
    }

    /** Records that {@code dataset} is revoked, signed as {@code by}; returns the withdrawal. */
    public Withdrawal revoke(Artifact dataset, String reason, String by) {
        return record(Withdrawal.Kind.REVOKED, dataset, reason, by);
    }

    /**
     * Records that the copies of {@code dataset} were deleted, once {@code approval} allows it (the hook a charter's
     * approvers will sign through); returns the withdrawal.
     */
    public Withdrawal retire(Artifact dataset, String reason, String by, RetirementApproval approval) {
        checkReason(reason);
        approval.check(dataset, reason);
        return record(Withdrawal.Kind.RETIRED, dataset, reason, by);
    }

    private Withdrawal record(Withdrawal.Kind kind, Artifact dataset, String reason, String by) {
        checkReason(reason);
        var json = lineage.record(Withdrawal.step(kind, dataset, reason.strip(), by.strip()));
        return Withdrawal.of(SignedRecord.parse(json, "the new " + kind.step() + " record"));
    }

    private static void checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("--reason must say why (it is signed into the record)");
        }
    }
}
