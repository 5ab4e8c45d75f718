package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import java.time.Instant;

/**
 * A signed withdrawal of a dataset (or model): a revocation (the data must no longer be used, so its lineage no
 * longer verifies) or a retirement (its copies were deleted). In the ledger it is a lineage record of its own step,
 * {@code revoke} or {@code retire}, whose one input is the withdrawn file (its name, file digest and, for data,
 * content digest and rows), whose parameters are the reason and the signer's name, and whose signature and time say
 * who and when.
 *
 * @param kind    revoked or retired
 * @param dataset the withdrawn file, in the role {@link Kind#role()}
 * @param reason  why
 * @param by      the signer's name, as they gave it
 * @param keyId   the id of the key that signed
 * @param when    when it was signed
 * @param record  the signed record
 */
public record Withdrawal(Kind kind, Artifact dataset, String reason, String by, String keyId, Instant when,
                         SignedRecord record) {
    /** The parameter holding the reason. */
    static final String REASON = "reason";
    /** The parameter holding the signer's name. */
    static final String BY = "by";
    private static final int SHORT_KEY_ID = 12;

    /** What was withdrawn and how. */
    public enum Kind {
        /** The data must no longer be used: verify and certify of it, and of anything made from it, fail. */
        REVOKED("revoke", "revoked"),
        /** Its copies were deleted. */
        RETIRED("retire", "retired");

        private final String step;
        private final String role;

        Kind(String step, String role) {
            this.step = step;
            this.role = role;
        }

        /** The lineage step that records it. */
        public String step() {
            return step;
        }

        /** The role of the withdrawn file among the step's inputs, and the word for people. */
        public String role() {
            return role;
        }
    }

    /**
     * The step that records withdrawing {@code dataset}, with {@code results} (a retirement's approvals); the signature
     * and the record's time add who and when.
     */
    static Step step(Kind kind, Artifact dataset, String reason, String by, java.util.Map<String, Object> results) {
        return Step.builder(kind.step()).by(kind.step(), "engine", EngineVersion.get()).parameter(REASON, reason)
                .parameter(BY, by).input(dataset.as(kind.role())).results(results).build();
    }

    /** The withdrawal a record holds, or {@code null} when it is a record of another step. */
    static Withdrawal of(SignedRecord record) {
        Step s = record.step();
        for (Kind kind : Kind.values()) {
            if (kind.step().equals(s.step()) && s.inputs().size() == 1 && kind.role().equals(s.inputs().get(0).role())
                    && s.parameters().containsKey(REASON)) {
                return new Withdrawal(kind, s.inputs().get(0), s.parameters().get(REASON),
                        s.parameters().getOrDefault(BY, ""), record.keyId(), s.finished(), record);
            }
        }
        return null;
    }

    /** Whether it withdraws this file: the same bytes, or the same data in canonical form (another format of it). */
    public boolean covers(Artifact file) {
        return dataset.sha256().equals(file.sha256())
                || dataset.contentSha256() != null && dataset.contentSha256().equals(file.contentSha256());
    }

    /**
     * "revoked by NAME (key ab12cd34ef56, trusted as T) on WHEN: REASON", naming the key by the verifier's trust
     * where it holds a name for it.
     */
    public String describe(TrustStore trust) {
        String shortId = keyId.substring(0, Math.min(SHORT_KEY_ID, keyId.length()));
        String trusted = trust.name(keyId);
        String key = "key " + shortId + (trusted.equals(shortId) || trusted.equals(by) ? "" : ", trusted as " + trusted);
        return kind.role() + " by " + (by.isEmpty() ? "" : by + " ") + "(" + key + ") on " + when + ": " + reason;
    }
}
