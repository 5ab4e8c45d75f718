package io.tabsynth.engine.registry;

import java.util.Arrays;

/** Where a dataset, model or certificate stands. */
public enum ItemStatus {
    /** Usable: not withdrawn, its release (if it has one under a charter) approved and within its review interval. */
    ACTIVE("active"),
    /** Revoked, or made from something revoked: it must no longer be used. */
    REVOKED("revoked"),
    /** Certified under a charter whose review is due and no passing revalidation since. */
    EXPIRED("expired"),
    /** Certified under a charter whose release quorum has not signed the certificate yet. */
    AWAITING_APPROVAL("awaiting-approval"),
    /** Its copies were deleted. */
    RETIRED("retired");

    private final String word;

    ItemStatus(String word) {
        this.word = word;
    }

    /** The word the registry prints and stores. */
    public String word() {
        return word;
    }

    /** The status named by its word; {@code null} when none is. */
    public static ItemStatus of(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst().orElse(null);
    }
}
