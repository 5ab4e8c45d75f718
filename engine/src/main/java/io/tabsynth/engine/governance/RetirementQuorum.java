package io.tabsynth.engine.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.governance.revocation.RetirementApproval;
import io.tabsynth.engine.governance.revocation.RetirementRequest;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A charter's retirement quorum ({@code quorum.retirement}): a retirement is recorded only with a
 * {@link RetirementRequest} that enough of the charter's approvers signed, and its record carries that signed request,
 * so that {@code lineage verify --charter} checks the approvers' signatures again. A charter that asks for no
 * retirement approvals lets every retirement through.
 */
public final class RetirementQuorum implements RetirementApproval {
    /** What a quorum counts here. */
    public static final String WHAT = "retirement";
    /** The result under which a retirement record carries its approvals. */
    public static final String RESULT = "retirementApproval";

    private final SignedCharter charter;
    private final Path request;
    private final TrustStore trust;

    /** The charter's retirement quorum, to be met by the signatures of {@code request} ({@code null}: none given). */
    public RetirementQuorum(SignedCharter charter, Path request, TrustStore trust) {
        this.charter = charter;
        this.request = request;
        this.trust = trust;
    }

    /** The request to write for approvers: the file, the reason and this charter. */
    public RetirementRequest request(Artifact dataset, String reason) {
        return new RetirementRequest(dataset, reason.strip(), charter.digest());
    }

    @Override
    public Map<String, Object> check(Artifact dataset, String reason) {
        int needed = charter.charter().quorum(WHAT);
        if (needed == 0) {
            return Map.of();
        }
        if (request == null) {
            throw new QuorumNotMet("retiring " + dataset.path() + " under the charter " + charter.file() + " needs the "
                    + "approval of " + needed + " of its " + charter.charter().approvers().size() + " approvers: write the "
                    + "request with tabsynth retire ... --charter " + charter.file() + " --request-out RETIREMENT.json, have "
                    + "approvers sign it with tabsynth approve RETIREMENT.json --key DIR, then run tabsynth retire ... "
                    + "--charter " + charter.file() + " --approved RETIREMENT.json");
        }
        SignedDocument doc = SignedDocument.read(request);
        List<SignedDocument.Signer> signers = doc.verify(trust);
        RetirementRequest approved = RetirementRequest.ofStatement(doc.statement(), request.toString());
        List<String> differences = approved.differences(request(dataset, reason));
        if (!differences.isEmpty()) {
            throw new BadInputException(request + ": the retirement given is not the one approved: "
                    + String.join("; ", differences));
        }
        Quorum quorum = Quorum.of(charter.charter(), WHAT, signers);
        if (!quorum.met()) {
            throw new QuorumNotMet(request.toString(), quorum);
        }
        List<Map<String, String>> approvals = quorum.approvals();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("charterSha256", charter.digest());
        result.put("quorum", needed);
        result.put("approvals", approvals);
        result.put("request", Dsse.JSON.convertValue(doc.json(), Map.class));
        return Map.of(RESULT, result);
    }

    /**
     * How far a recorded retirement meets {@code charter}'s retirement quorum: the signatures of the request its record
     * carries, verified again with {@code trust}, that are the charter's approvers' (none when it carries no request,
     * or one for another file).
     */
    public static Quorum of(Withdrawal retirement, SignedCharter charter, TrustStore trust) {
        List<SignedDocument.Signer> signers = List.of();
        if (retirement.record().step().results().get(RESULT) instanceof Map<?, ?> m && m.get("request") != null) {
            JsonNode envelope = Dsse.JSON.valueToTree(m.get("request"));
            String where = "the request in the retirement record of " + retirement.dataset().path();
            SignedDocument doc = SignedDocument.of(envelope, where);
            RetirementRequest approved = RetirementRequest.ofStatement(doc.statement(), where);
            if (approved.dataset().sha256().equals(retirement.dataset().sha256())) {
                signers = doc.verify(trust);
            }
        }
        return Quorum.of(charter.charter(), WHAT, signers);
    }
}
