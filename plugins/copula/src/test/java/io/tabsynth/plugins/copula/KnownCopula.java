package io.tabsynth.plugins.copula;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.Normal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.commons.statistics.distribution.GammaDistribution;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Test data drawn from a known Gaussian copula with latent correlation {@link #R}:
 * {@code height ~ N(170, 10)} with 10 % missing completely at random, {@code spend ~ Gamma(k=2, θ=3)},
 * {@code tier} in A/B/C/D with shares 0.4/0.3/0.2/0.1 (A for the lowest latent scores), {@code visits}
 * a count (integer), and {@code joined} a date in 2020-2023 (independent).
 */
final class KnownCopula {
    static final double[][] R = {{1, 0.6, 0.3}, {0.6, 1, -0.4}, {0.3, -0.4, 1}};
    static final double[] TIER_SHARES = {0.4, 0.3, 0.2, 0.1};
    static final String[] TIERS = {"A", "B", "C", "D"};
    static final GammaDistribution SPEND = GammaDistribution.of(2, 3);
    static final double HEIGHT_NULL_RATE = 0.1;

    private KnownCopula() {
    }

    static Frame draw(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] l = Correlation.cholesky(R);
        double[] height = new double[n];
        double[] spend = new double[n];
        String[] tier = new String[n];
        long[] visits = new long[n];
        LocalDateTime[] joined = new LocalDateTime[n];
        long start = LocalDate.of(2020, 1, 1).toEpochDay();
        for (int i = 0; i < n; i++) {
            double e0 = rng.nextGaussian();
            double e1 = rng.nextGaussian();
            double e2 = rng.nextGaussian();
            double z0 = l[0][0] * e0;
            double z1 = l[1][0] * e0 + l[1][1] * e1;
            double z2 = l[2][0] * e0 + l[2][1] * e1 + l[2][2] * e2;
            height[i] = rng.nextDouble() < HEIGHT_NULL_RATE ? Double.NaN : Math.round((170 + 10 * z0) * 10) / 10.0;
            spend[i] = SPEND.inverseCumulativeProbability(Normal.cdf(z1));
            double u = Normal.cdf(z2);
            int k = 0;
            double cum = TIER_SHARES[0];
            while (u > cum && k < 3) {
                cum += TIER_SHARES[++k];
            }
            tier[i] = TIERS[k];
            visits[i] = (long) Math.floor(3 + 2 * z0 + rng.nextGaussian());
            visits[i] = Math.max(0, visits[i]);
            joined[i] = LocalDate.ofEpochDay(start + rng.nextInt(4 * 365)).atStartOfDay();
        }
        Table t = Table.create("known").addColumns(DoubleColumn.create("height", height),
                DoubleColumn.create("spend", spend), StringColumn.create("tier", tier),
                LongColumn.create("visits", visits), DateTimeColumn.create("joined", joined));
        return Frame.of(t, Schema.of(ColumnSpec.of("height", ColumnKind.CONTINUOUS),
                ColumnSpec.of("spend", ColumnKind.CONTINUOUS), ColumnSpec.of("tier", ColumnKind.CATEGORICAL),
                ColumnSpec.of("visits", ColumnKind.INTEGER), new ColumnSpec("joined", ColumnKind.DATETIME, "yyyy-MM-dd")));
    }
}
