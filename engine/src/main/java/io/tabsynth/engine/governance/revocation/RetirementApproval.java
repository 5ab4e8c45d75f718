package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.lineage.Artifact;

/**
 * The hook through which a charter can ask approvers to sign a retirement before it is recorded: called with what is
 * about to be retired, it returns normally to let the record be written, or throws to refuse (a charter's missing
 * approvals: exit 3, naming who must still approve). Until charters exist every retirement is allowed ({@link #NONE}).
 */
@FunctionalInterface
public interface RetirementApproval {
    /** Asks no approval. */
    RetirementApproval NONE = (dataset, reason) -> { };

    /** Returns if retiring {@code dataset} for {@code reason} may be recorded; throws to refuse. */
    void check(Artifact dataset, String reason);
}
