package io.tabsynth.spi.privacy;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which categories of a column may be released when its domain is not declared public. Each category seen in
 * the data gets its count plus discrete Gaussian noise, and is released (with that noisy count) only when the
 * noisy count reaches a threshold τ. One record is in one category: adding it either raises one released
 * count by one (ρ = 1/(2σ²), as for a histogram) or creates a category of count one, released with probability
 * P(1 + Z ≥ τ) = δ. The release is therefore δ-approximately ρ-zCDP (Bun, Steinke 2016, Definition 8.1), and
 * τ is the smallest threshold that keeps that δ within the one asked for. A category held by one person is
 * thus released with probability at most δ.
 */
public final class CategorySelection {
    /** One record is in one category. */
    private static final Rational SENSITIVITY = Rational.ONE;
    /** The count of a category held by one person. */
    private static final long SINGLE = 1;

    private final ZcdpAccountant accountant;
    private final RandomBits bits;

    public CategorySelection(ZcdpAccountant accountant, RandomBits bits) {
        this.accountant = accountant;
        this.bits = bits;
    }

    /** The smallest τ with P(1 + Z ≥ τ) ≤ δ for Z discrete Gaussian with parameter σ². */
    public static long threshold(Rational sigma2, double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must lie strictly between 0 and 1: " + delta);
        }
        DiscreteGaussian noise = new DiscreteGaussian(sigma2);
        // the tail falls as τ grows: double an upper end until it is small enough, then bisect (a step-by-step
        // search took seconds for the σ of a small ε)
        long fits = SINGLE;
        while (noise.tail(fits - SINGLE) > delta) {
            fits *= 2;
        }
        long tooSmall = fits / 2;
        if (fits == SINGLE) {
            return SINGLE;
        }
        while (fits - tooSmall > 1) {
            long mid = tooSmall + (fits - tooSmall) / 2;
            if (noise.tail(mid - SINGLE) > delta) {
                tooSmall = mid;
            } else {
                fits = mid;
            }
        }
        return fits;
    }

    /**
     * The released categories, in their natural order, with their noisy counts. Noise is drawn for the
     * categories in sorted order, so a seeded source gives the same release whatever order {@code counts} has.
     */
    public SortedMap<String, Long> release(String touched, Map<String, Long> counts, Rational sigma2, double delta) {
        long tau = threshold(sigma2, delta);
        DiscreteGaussian noise = new DiscreteGaussian(sigma2);
        double spentDelta = noise.tail(tau - SINGLE);
        accountant.charge(new MechanismCall(MechanismCall.CATEGORY_SELECTION, touched, SENSITIVITY, sigma2, null,
                noise.rho(SENSITIVITY), spentDelta, bits.name()));
        SortedMap<String, Long> released = new TreeMap<>();
        for (Map.Entry<String, Long> category : new TreeMap<>(counts).entrySet()) {
            if (category.getValue() < 0) {
                throw new IllegalArgumentException("a count cannot be negative: " + category.getKey());
            }
            long noisy = Math.addExact(category.getValue(), noise.sample(bits));
            if (noisy >= tau) {
                released.put(category.getKey(), noisy);
            }
        }
        return Collections.unmodifiableSortedMap(released);
    }
}
