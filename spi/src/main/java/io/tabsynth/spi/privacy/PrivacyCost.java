package io.tabsynth.spi.privacy;

import java.util.Objects;

/**
 * What a differentially private fit will spend at most, known from its parameters before it reads a value: the
 * zCDP ρ and the δ of its thresholded selections (docs/privacy.md, "The budget ledger").
 *
 * @param rho            the most ρ its mechanisms add up to
 * @param selectionDelta the most δ its thresholded selections add up to (0 when it makes none)
 */
public record PrivacyCost(Rational rho, double selectionDelta) {
    public PrivacyCost {
        Objects.requireNonNull(rho, "rho");
        if (rho.signum() < 0 || !(selectionDelta >= 0 && selectionDelta < 1)) {
            throw new IllegalArgumentException("a privacy cost needs rho >= 0 and 0 <= delta < 1: " + rho + ", "
                    + selectionDelta);
        }
    }

    /** What a fit charged to this accountant spends at most: its whole ρ budget and its whole selection δ. */
    public static PrivacyCost of(ZcdpAccountant budget) {
        return new PrivacyCost(budget.rhoBudget(), budget.deltaBudget());
    }
}
