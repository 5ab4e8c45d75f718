package io.tabsynth.spi.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A differentially private quantile by the exponential mechanism over a public grid of candidates (Smith 2011's
 * approach restricted to a grid). Candidate c_i stands for the grid cell (c_(i−1), c_i] (the first for everything up
 * to c_0), which holds the ranks [#{x ≤ c_(i−1)}, #{x ≤ c_i}]; its utility is minus the distance from the rank q·n
 * to those ranks, so the released point closes the cell that holds the q-quantile, even where many records share
 * one value. One added or removed record moves each end by at most one (both in the same direction) and q·n by q,
 * so the utility by at most max(q, 1 − q), the sensitivity used. One call spends one ε (ρ = ε²/8) and, with probability 1 − β, releases a
 * candidate within (2·sensitivity/ε)·ln(candidates/β) ranks of the best one. This was chosen over a noisy binary search,
 * which splits its budget over about log2(candidates) noisy counts and pays the composition of all of them.
 * The grid must not depend on the data (the metadata's declared range, or {@link CandidateGrid}'s public
 * grids); values outside it count below or above every candidate.
 */
public final class DpQuantile {
    private final ExponentialMechanism mechanism;

    public DpQuantile(ZcdpAccountant accountant, RandomBits bits) {
        this.mechanism = new ExponentialMechanism(accountant, bits);
    }

    /** The q-quantile (0 ≤ q ≤ 1) of {@code values}, one of {@code candidates} (strictly increasing). */
    public double release(String touched, double[] values, double q, double[] candidates, Rational epsilon) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile lies in [0, 1]: " + q);
        }
        requireIncreasing(candidates);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && !(Double.isFinite(sorted[0]) && Double.isFinite(sorted[sorted.length - 1]))) {
            throw new IllegalArgumentException("the values of " + touched + " must be finite (drop missing values first)");
        }
        // q as written in decimal (0.01 is 1/100, not its binary neighbour), so the record reads "99/100".
        Rational quantile = Rational.parse(Double.toString(q));
        Rational rank = quantile.multiply(Rational.of(sorted.length));
        List<Rational> utilities = new ArrayList<>(candidates.length);
        int cellStart = 0;
        for (double c : candidates) {
            int cellEnd = countAtMost(sorted, c);
            Rational below = Rational.of(cellStart).subtract(rank);
            Rational above = rank.subtract(Rational.of(cellEnd));
            Rational distance = below.compareTo(above) > 0 ? below : above;
            utilities.add(distance.signum() > 0 ? distance.negate() : Rational.ZERO);
            cellStart = cellEnd;
        }
        Rational complement = Rational.ONE.subtract(quantile);
        Rational sensitivity = quantile.compareTo(complement) > 0 ? quantile : complement;
        return candidates[mechanism.select(touched, utilities, sensitivity, epsilon)];
    }

    /** How many of the sorted values are ≤ c. */
    private static int countAtMost(double[] sorted, double c) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void requireIncreasing(double[] candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("a DP quantile needs at least one candidate");
        }
        for (int i = 0; i < candidates.length; i++) {
            if (!Double.isFinite(candidates[i]) || (i > 0 && candidates[i] <= candidates[i - 1])) {
                throw new IllegalArgumentException("the candidates must be finite and strictly increasing, at index " + i);
            }
        }
    }
}
