package io.tabsynth.engine.governance;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fit --plan PLAN.json --charter C} (or {@code synth}, {@code command}): the plan's signatures verify (exit 4), it is the fit given (exit 2, naming
 * what differs) and the charter's plan quorum signed it (exit 3, naming who still has to); the fit then records the
 * plan as an input and who approved it when.
 */
public record PlanApproval(String command, Path file, SignedCharter charter, TrustStore trust) {
    /**
     * Every charter asks a plan quorum of at least one approver, so a fit under a charter without {@code --plan} is
     * refused (exit 3) naming the steps that make an approved plan; {@code synth} the same way.
     */
    public static void requirePlan(String command, Path plan, SignedCharter charter) {
        if (charter == null || plan != null) {
            return;
        }
        int needed = charter.charter().quorum("plan");
        throw new QuorumNotMet(command + " under the charter " + charter.file() + " needs a plan approved by " + needed
                + " of its " + charter.charter().approvers().size() + " approvers: write it with tabsynth fit ... --charter "
                + charter.file() + " --plan-out PLAN.json, have approvers sign it with tabsynth approve PLAN.json --key DIR, "
                + "then run tabsynth " + command + " ... --plan PLAN.json");
    }

    /**
     * What a step that follows the plan records besides the charter's {@code charterContext}: the plan as an input and
     * who approved it when; throws when the plan is not the {@code given} one or lacks its quorum.
     */
    public Lineage.Context context(Lineage.Context charterContext, Plan given) {
        if (charter == null) {
            throw new BadInputException(command + " --plan " + file + ": needs --charter, whose quorum of approvers the plan must have");
        }
        SignedDocument doc = SignedDocument.read(file);
        List<SignedDocument.Signer> signers = doc.verify(trust);
        Plan planned = Plan.ofStatement(doc.statement(), file.toString());
        List<String> differences = planned.differences(given);
        if (!differences.isEmpty()) {
            throw new BadInputException(file + ": the " + command + " given is not the plan that was approved: "
                    + String.join("; ", differences));
        }
        Quorum quorum = Quorum.of(charter.charter(), "plan", signers);
        if (!quorum.met()) {
            throw new QuorumNotMet(file.toString(), quorum);
        }
        List<Map<String, String>> approvals = quorum.approvals();
        List<Artifact> inputs = new ArrayList<>(charterContext.inputs());
        inputs.add(new Artifact(Plan.ROLE, file, Sha256.file(file), doc.payloadSha256(), Artifact.NOT_DATA));
        return new Lineage.Context(inputs, charterContext.parameters(), Map.of("planApprovals", approvals));
    }
}
