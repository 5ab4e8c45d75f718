package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.lineage.Artifact;
import java.util.Map;

/**
 * The hook through which a charter asks approvers to sign a retirement before it is recorded: called with what is
 * about to be retired, it returns what the retirement record is to carry of the approvals (results by name), or throws
 * to refuse (a charter's missing approvals: exit 3, naming who must still approve). Without a charter every retirement
 * is allowed ({@link #NONE}).
 */
@FunctionalInterface
public interface RetirementApproval {
    /** Asks no approval. */
    RetirementApproval NONE = (dataset, reason) -> Map.of();

    /** The results to record if retiring {@code dataset} for {@code reason} may be recorded; throws to refuse. */
    Map<String, Object> check(Artifact dataset, String reason);
}
