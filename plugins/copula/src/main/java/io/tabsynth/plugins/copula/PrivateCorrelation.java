package io.tabsynth.plugins.copula;

import io.tabsynth.spi.privacy.DiscreteGaussian;
import io.tabsynth.spi.privacy.NoisyCounts;
import io.tabsynth.spi.privacy.Rational;

/**
 * The copula's latent correlation released with differential privacy, in the manner of "Analyze Gauss" (Dwork,
 * Talwar, Thakurta, Zhang 2014): the sums over rows of the products of normal scores z_a·z_b (a ≤ b), plus
 * discrete Gaussian noise, then normalised and repaired (post-processing).
 *
 * <p>Each row's scores come from the released marginals alone (the mean of a standard normal over the interval
 * the row's cell takes under the noisy marginal), so a row's scores depend on that row and on released values, not
 * on the other rows. One row adds the vector v = (z_a·z_b)_(a≤b) to the sums, and |v|₂² = Σ_(a≤b) z_a²z_b² ≤ |z|₂⁴:
 * a row whose score vector has |z|₂² above {@code B² = d + 4·√(2d)} (4 standard deviations of a χ² with d degrees
 * of freedom above its mean; d is the number of dimensions) is scaled down to |z|₂² = B², so |v|₂ ≤ B². The products
 * are scaled by {@link #UNITS}/B² and rounded to integers row by row; a row whose rounded vector would exceed
 * {@link #UNITS} in ℓ2 norm (checked exactly, in integers) is scaled down further until it does not. Adding or removing
 * one row thus changes the vector of integer sums by at most {@link #UNITS} in ℓ2 norm: the sensitivity of the
 * release, and a σ² of UNITS²/(2ρ) costs ρ.
 *
 * <p>From the noisy sums S: the Pearson correlation S_ab/√(S_aa·S_bb) of the scores (the scores' mean is zero under
 * the released marginals), divided by √(m_a·m_b), where m_a is the mean square of dimension a's scores under the
 * released marginal (1 for a continuous score; less for a discrete one, whose correlation understates the latent
 * one by that factor, as in {@link Correlation#latent}). Entries that are mostly noise are set to 0, the rest clipped
 * to [−1, 1], and the matrix repaired to a positive definite
 * correlation ({@link Correlation#repair}).
 */
final class PrivateCorrelation {
    /** The integer scale of one row's largest contribution: the sensitivity of the released sums. */
    static final long UNITS = 1_000_000;
    /** The clipping bound B² is this many standard deviations of |z|² above its mean d. */
    static final double CLIP_SIGMAS = 4;
    /** An entry whose noise's standard deviation exceeds this is set to 0 (post-processing). */
    static final double MAX_ENTRY_NOISE = 0.25;
    /** The share of {@link #UNITS} a row's products are scaled to before rounding: the rest absorbs rounding. */
    private static final double ROUNDING_HEADROOM = 0.999;
    /** Each retry of a row whose rounded products are too long scales them by this much more. */
    private static final double RETRY_SHRINK = 0.99;

    private PrivateCorrelation() {
    }

    /** B², the largest |z|₂² a row keeps, for d dimensions. */
    static double clipBound(int dimensions) {
        return dimensions + CLIP_SIGMAS * Math.sqrt(2.0 * dimensions);
    }

    /** How many sums: the products z_a·z_b with a ≤ b. */
    static int entries(int dimensions) {
        return dimensions * (dimensions + 1) / 2;
    }

    /**
     * The released correlation of the dimensions (at least two).
     *
     * @param scores      each dimension's score per row, from the released marginals (0 where it has none)
     * @param meanSquares each dimension's mean square score under the released marginals
     * @param rho         the ρ this release may spend
     */
    static double[][] release(double[][] scores, double[] meanSquares, NoisyCounts counts, Rational rho) {
        int d = scores.length;
        long[] sums = clippedSums(scores);
        Rational sensitivity = Rational.of(UNITS);
        Rational sigma2 = DiscreteGaussian.sigma2For(sensitivity, rho);
        long[] noisy = counts.sums("the sums of products of the normal scores of " + d + " copula dimensions ("
                + entries(d) + " sums, each row clipped to |z|^2 <= " + (float) clipBound(d) + ")", sums, sensitivity,
                sigma2);
        return Correlation.repair(correlation(noisy, meanSquares, Math.sqrt(sigma2.doubleValue())));
    }

    /** The integer sums over rows of each row's clipped, scaled and rounded products z_a·z_b, a ≤ b. */
    static long[] clippedSums(double[][] scores) {
        int d = scores.length;
        int rows = d == 0 ? 0 : scores[0].length;
        double bound = clipBound(d);
        double scale = ROUNDING_HEADROOM * UNITS / bound;
        long[] sums = new long[entries(d)];
        double[] z = new double[d];
        long[] row = new long[sums.length];
        for (int i = 0; i < rows; i++) {
            double norm2 = 0;
            for (int a = 0; a < d; a++) {
                z[a] = scores[a][i];
                norm2 += z[a] * z[a];
            }
            double shrink = norm2 > bound ? bound / norm2 : 1;
            while (!rounded(z, scale * shrink, row)) {
                shrink *= RETRY_SHRINK;
            }
            for (int e = 0; e < row.length; e++) {
                sums[e] = Math.addExact(sums[e], row[e]);
            }
        }
        return sums;
    }

    /**
     * Fills {@code row} with round(factor·z_a·z_b) for a ≤ b; false when its ℓ2 norm exceeds {@link #UNITS}
     * (compared exactly: each entry is at most UNITS in size, so the sum of squares stays within a long).
     */
    private static boolean rounded(double[] z, double factor, long[] row) {
        long squares = 0;
        long limit = UNITS * UNITS;
        int e = 0;
        for (int a = 0; a < z.length; a++) {
            for (int b = a; b < z.length; b++) {
                long k = Math.round(factor * z[a] * z[b]);
                if (Math.abs(k) > UNITS) {
                    return false;
                }
                row[e++] = k;
                squares += k * k;
                if (squares > limit) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The latent correlation from the noisy sums (entries in the order a ≤ b, row by row) whose noise has standard
     * deviation {@code noiseSd}. An entry whose own noise, after the normalisation, has a standard deviation above
     * {@link #MAX_ENTRY_NOISE} is set to 0: it is mostly noise (a dimension that is nearly constant under its
     * marginal, whose small mean square would amplify the noise), and left in, the repair to a positive definite
     * matrix would spread it over the other entries.
     */
    static double[][] correlation(long[] noisy, double[] meanSquares, double noiseSd) {
        int d = meanSquares.length;
        double[][] sums = new double[d][d];
        int e = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                sums[a][b] = noisy[e];
                sums[b][a] = noisy[e];
                e++;
            }
        }
        double[][] r = new double[d][d];
        for (int a = 0; a < d; a++) {
            r[a][a] = 1;
            for (int b = 0; b < a; b++) {
                double v = 0;
                if (sums[a][a] > 0 && sums[b][b] > 0 && meanSquares[a] > 0 && meanSquares[b] > 0) {
                    double normaliser = Math.sqrt(sums[a][a] * sums[b][b]) * Math.sqrt(meanSquares[a] * meanSquares[b]);
                    v = noiseSd / normaliser > MAX_ENTRY_NOISE ? 0 : sums[a][b] / normaliser;
                }
                v = Math.max(-1, Math.min(1, v));
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return r;
    }
}
