package io.tabsynth.engine.governance;

import io.tabsynth.engine.governance.Charter.Approver;
import io.tabsynth.engine.lineage.SignedDocument.Signer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether enough of a charter's approvers signed a document: {@code needed} of the charter's approvers for
 * {@code what} (the charter itself, a plan, a release). Signatures by keys that are not approvers do not count.
 *
 * @param what       {@code charter}, {@code plan} or {@code release}
 * @param needed     how many approvers must sign
 * @param approvers  how many approvers the charter names
 * @param approvedBy the approvers' signatures found, in the order they were added
 * @param missing    the approvers who have not signed
 */
public record Quorum(String what, int needed, int approvers, List<Signer> approvedBy, List<Approver> missing) {
    /** Counts the approvers among the signers of a document. */
    public static Quorum of(Charter charter, String what, List<Signer> signers) {
        List<Signer> approvedBy = new ArrayList<>();
        List<Approver> missing = new ArrayList<>();
        for (Approver a : charter.approvers()) {
            Signer s = signers.stream().filter(x -> x.keyId().equals(a.keyId())).findFirst().orElse(null);
            if (s == null) {
                missing.add(a);
            } else {
                approvedBy.add(new Signer(s.keyId(), a.name(), s.approvedOn()));
            }
        }
        return new Quorum(what, charter.quorum(what), charter.approvers().size(), approvedBy, missing);
    }

    /** The approvals as a record's result: per signature {@code approvedOn}, {@code keyid}, {@code name}. */
    public List<Map<String, String>> approvals() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Signer s : approvedBy) {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("approvedOn", s.approvedOn() == null ? "" : s.approvedOn().toString());
            a.put("keyid", s.keyId());
            a.put("name", s.name());
            out.add(a);
        }
        return out;
    }

    /** Whether enough approvers signed. */
    public boolean met() {
        return approvedBy.size() >= needed;
    }

    /** "2 of 3 approvals (quorum 2): Alice on 2026-..., Bob on 2026-..." */
    public String summary() {
        String who = approvedBy.isEmpty() ? "none" : approvedBy.stream()
                .map(s -> s.name() + (s.approvedOn() == null ? "" : " on " + s.approvedOn())).collect(Collectors.joining(", "));
        return approvedBy.size() + " of " + approvers + " approvers signed the " + what + " (quorum " + needed + "): " + who;
    }

    /** "needs 1 more approval of the plan from: Carol" — what is still needed when the quorum is not met. */
    public String stillNeeded() {
        int more = needed - approvedBy.size();
        return "the " + what + " needs " + more + " more approval" + (more == 1 ? "" : "s") + " (quorum " + needed + " of "
                + approvers + "), from " + (more == missing.size() ? "" : "any " + more + " of: ")
                + missing.stream().map(Approver::name).collect(Collectors.joining(", "));
    }
}
