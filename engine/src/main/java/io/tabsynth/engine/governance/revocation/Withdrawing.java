package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.spi.BadInputException;
import java.util.Map;

/** Records withdrawals: each is signed with the lineage's key and appended to its ledger. */
public final class Withdrawing {
    private final Lineage lineage;

    public Withdrawing(Lineage lineage) {
        this.lineage = lineage;
    }

    /** Records that {@code dataset} is revoked, signed as {@code by}; returns the withdrawal. */
    public Withdrawal revoke(Artifact dataset, String reason, String by) {
        return record(Withdrawal.Kind.REVOKED, dataset, reason, by, Map.of());
    }

    /**
     * Records that the copies of {@code dataset} were deleted, once {@code approval} allows it (the hook a charter's
     * approvers sign through), with what it says of the approvals among the record's results; returns the withdrawal.
     */
    public Withdrawal retire(Artifact dataset, String reason, String by, RetirementApproval approval) {
        checkReason(reason);
        Map<String, Object> approvals = approval.check(dataset, reason);
        return record(Withdrawal.Kind.RETIRED, dataset, reason, by, approvals);
    }

    private Withdrawal record(Withdrawal.Kind kind, Artifact dataset, String reason, String by, Map<String, Object> results) {
        checkReason(reason);
        var json = lineage.record(Withdrawal.step(kind, dataset, reason.strip(), by.strip(), results));
        return Withdrawal.of(SignedRecord.parse(json, "the new " + kind.step() + " record"));
    }

    private static void checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("--reason must say why (it is signed into the record)");
        }
    }
}
