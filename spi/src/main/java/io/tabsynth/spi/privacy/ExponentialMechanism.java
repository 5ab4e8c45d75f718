package io.tabsynth.spi.privacy;

import java.math.BigInteger;
import java.util.List;

/**
 * The exponential mechanism (McSherry, Talwar 2007): picks candidate i with probability proportional to
 * exp(ε·u_i/(2Δ)), where one person changes any utility u_i by at most Δ. It is ε-DP and, being ε-bounded-range,
 * ε²/8-zCDP (Cesar, Rogers 2021). Sampled exactly by rejection: a uniform candidate i is accepted with
 * probability exp(−ε·(u_max − u_i)/(2Δ)), an exact Bernoulli trial on rational utilities, so the output
 * distribution is the mechanism's to the last bit; at most (number of candidates) proposals are expected.
 */
public final class ExponentialMechanism {
    private static final Rational RHO_PER_EPSILON_SQUARED = Rational.of(1, 8);

    private final ZcdpAccountant accountant;
    private final RandomBits bits;

    public ExponentialMechanism(ZcdpAccountant accountant, RandomBits bits) {
        this.accountant = accountant;
        this.bits = bits;
    }

    /** ρ = ε²/8. */
    public static Rational rho(Rational epsilon) {
        return epsilon.multiply(epsilon).multiply(RHO_PER_EPSILON_SQUARED);
    }

    /** The index of the chosen candidate. */
    public int select(String touched, List<Rational> utilities, Rational sensitivity, Rational epsilon) {
        if (utilities.isEmpty()) {
            throw new IllegalArgumentException("the exponential mechanism needs at least one candidate");
        }
        if (sensitivity.signum() <= 0 || epsilon.signum() <= 0) {
            throw new IllegalArgumentException("the exponential mechanism needs a positive sensitivity and epsilon: "
                    + sensitivity + ", " + epsilon);
        }
        accountant.charge(new MechanismCall(MechanismCall.EXPONENTIAL, touched, sensitivity, null, epsilon,
                rho(epsilon), 0, bits.name()));
        Rational best = utilities.get(0);
        for (Rational u : utilities) {
            if (u.compareTo(best) > 0) {
                best = u;
            }
        }
        Rational scale = epsilon.divide(Rational.of(2).multiply(sensitivity));
        Rational[] gammas = new Rational[utilities.size()];
        for (int i = 0; i < gammas.length; i++) {
            gammas[i] = scale.multiply(best.subtract(utilities.get(i)));
        }
        BigInteger count = BigInteger.valueOf(gammas.length);
        while (true) {
            int i = bits.uniformBelow(count).intValueExact();
            if (Bernoulli.exponential(gammas[i], bits)) {
                return i;
            }
        }
    }
}
