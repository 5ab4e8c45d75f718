package io.tabsynth.spi.privacy;

/**
 * Counts and histograms released with discrete Gaussian noise. Neighbouring data sets differ by adding or
 * removing one record; each record falls in exactly one cell of a histogram (or is counted once), so one record
 * changes one cell by one: ℓ2 sensitivity 1, and a release with parameter σ² costs ρ = 1/(2σ²), whatever the
 * number of cells. The noisy counts are unbiased and may be negative; rounding them up to zero, or normalising,
 * is post-processing and costs nothing more.
 */
public final class NoisyCounts {
    /** Add/remove-one neighbours change one cell by one. */
    public static final Rational SENSITIVITY = Rational.ONE;

    private final ZcdpAccountant accountant;
    private final RandomBits bits;

    public NoisyCounts(ZcdpAccountant accountant, RandomBits bits) {
        this.accountant = accountant;
        this.bits = bits;
    }

    /** The histogram {@code counts} (one record in one cell) plus independent discrete Gaussian noise per cell. */
    public long[] histogram(String touched, long[] counts, Rational sigma2) {
        return sums(touched, counts, SENSITIVITY, sigma2);
    }

    /**
     * Integer sums over the records plus independent discrete Gaussian noise per sum, where the caller has bounded
     * what one record adds to the vector of sums to an ℓ2 norm of at most {@code sensitivity} (by clipping each
     * record's contribution before summing): ρ = sensitivity²/(2σ²).
     */
    public long[] sums(String touched, long[] sums, Rational sensitivity, Rational sigma2) {
        DiscreteGaussian noise = new DiscreteGaussian(sigma2);
        accountant.charge(new MechanismCall(MechanismCall.DISCRETE_GAUSSIAN, touched, sensitivity, sigma2, null,
                noise.rho(sensitivity), 0, bits.name()));
        long[] noisy = new long[sums.length];
        for (int i = 0; i < sums.length; i++) {
            noisy[i] = Math.addExact(sums[i], noise.sample(bits));
        }
        return noisy;
    }

    /** One count (the number of rows, say) plus discrete Gaussian noise. */
    public long count(String touched, long count, Rational sigma2) {
        return histogram(touched, new long[] {count}, sigma2)[0];
    }
}
