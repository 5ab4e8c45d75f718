package io.tabsynth.bench;

import io.tabsynth.spi.privacy.DiscreteGaussian;
import io.tabsynth.spi.privacy.ExponentialMechanism;
import io.tabsynth.spi.privacy.RandomBits;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ZcdpAccountant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How fast the exact DP samplers are: discrete Gaussian draws per second at small, middle and large σ², from the
 * secure and the seeded source, and the time of one exponential-mechanism choice among many candidates.
 * {@code java -cp spi/target/classes:bench/target/classes io.tabsynth.bench.NoiseBench [draws]}
 */
public final class NoiseBench {
    private static final String[] SIGMA2 = {"1", "100", "10000"};
    private static final int DEFAULT_DRAWS = 500_000;
    private static final int CANDIDATES = 1_000;
    private static final int CHOICES = 200;
    private static final int WARM_UP_SHARE = 10;

    private NoiseBench() {
    }

    public static void main(String[] args) {
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_DRAWS;
        for (boolean secure : new boolean[] {true, false}) {
            for (String sigma2 : SIGMA2) {
                RandomBits bits = secure ? RandomBits.secure() : RandomBits.seeded(1);
                DiscreteGaussian noise = new DiscreteGaussian(Rational.parse(sigma2));
                long sink = 0;
                for (int i = 0; i < draws / WARM_UP_SHARE; i++) {
                    sink += noise.sample(bits);
                }
                long start = System.nanoTime();
                for (int i = 0; i < draws; i++) {
                    sink += noise.sample(bits);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "discrete Gaussian, sigma^2 %s, %s bits: %.0f draws/s, %.2f us each "
                        + "(checksum %d)%n", sigma2, bits.name(), draws / seconds, seconds / draws * 1e6, sink);
            }
        }
        List<Rational> utilities = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            utilities.add(Rational.of(-Math.abs(i - CANDIDATES / 2)));
        }
        ExponentialMechanism mechanism = new ExponentialMechanism(
                new ZcdpAccountant(Rational.of(CHOICES * 2L), 0), RandomBits.secure());
        for (int i = 0; i < CHOICES / WARM_UP_SHARE; i++) {
            mechanism.select("warm-up", utilities, Rational.ONE, Rational.ONE);
        }
        long start = System.nanoTime();
        for (int i = 0; i < CHOICES; i++) {
            mechanism.select("timed", utilities, Rational.ONE, Rational.ONE);
        }
        System.out.printf(Locale.ROOT, "exponential mechanism, %d candidates, epsilon 1: %.2f ms per choice%n",
                CANDIDATES, (System.nanoTime() - start) / 1e6 / CHOICES);
    }
}
