package io.tabsynth.spi.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of integer samples against an exact pmf: cells are the integers, with the tails
 * and any cell expecting fewer than five draws pooled into their neighbours.
 */
final class GoodnessOfFit {
    private static final double MIN_EXPECTED = 5;

    private final double statistic;
    private final int degreesOfFreedom;

    private GoodnessOfFit(double statistic, int degreesOfFreedom) {
        this.statistic = statistic;
        this.degreesOfFreedom = degreesOfFreedom;
    }

    static GoodnessOfFit of(long[] samples, LongToDoubleFunction pmf) {
        Map<Long, Long> observed = new TreeMap<>();
        for (long x : samples) {
            observed.merge(x, 1L, Long::sum);
        }
        int n = samples.length;
        // Grow a central range of integers until what lies outside expects fewer than MIN_EXPECTED draws.
        long lo = 0;
        long hi = 0;
        double inside = pmf.applyAsDouble(0);
        while ((1 - inside) * n >= MIN_EXPECTED) {
            lo--;
            hi++;
            inside += pmf.applyAsDouble(lo) + pmf.applyAsDouble(hi);
        }
        List<double[]> cells = new ArrayList<>(); // {expected, observed}
        double expected = (1 - inside) * n; // both tails, pooled into the first cell
        double seen = 0;
        for (Map.Entry<Long, Long> e : observed.entrySet()) {
            if (e.getKey() < lo || e.getKey() > hi) {
                seen += e.getValue();
            }
        }
        for (long x = lo; x <= hi; x++) {
            expected += pmf.applyAsDouble(x) * n;
            seen += observed.getOrDefault(x, 0L);
            if (expected >= MIN_EXPECTED) {
                cells.add(new double[] {expected, seen});
                expected = 0;
                seen = 0;
            }
        }
        if (expected > 0 || seen > 0) {
            double[] last = cells.get(cells.size() - 1);
            last[0] += expected;
            last[1] += seen;
        }
        double chi2 = 0;
        for (double[] cell : cells) {
            double d = cell[1] - cell[0];
            chi2 += d * d / cell[0];
        }
        return new GoodnessOfFit(chi2, cells.size() - 1);
    }

    double statistic() {
        return statistic;
    }

    int degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** The probability of a statistic at least this large under the pmf. */
    double pValue() {
        return degreesOfFreedom == 0 ? 1 : ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(statistic);
    }

    @Override
    public String toString() {
        return "chi2 " + statistic + " on " + degreesOfFreedom + " df, p " + pValue();
    }
}
