package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.IntStream;

/**
 * The sums from which the copula's latent correlation is computed, accumulated batch by batch: for every pair of
 * dimensions the rows where both scores are present, and over those rows Σx, Σy, Σx², Σy², Σxy; for every dimension
 * its present rows and Σx². {@link #latent()} gives what {@link Correlation#latent} gives on the same scores: the
 * pairwise-complete Pearson correlation divided by both dimensions' root-mean-square score. Sums of two parts of a
 * table merge; each pair's sums are accumulated on their own, so the result does not depend on the threads.
 */
final class ScoreSums {
    private static final int N = 0;
    private static final int SX = 1;
    private static final int SY = 2;
    private static final int SXX = 3;
    private static final int SYY = 4;
    private static final int SXY = 5;
    private static final int FIELDS = 6;
    /** A variance below this share of the mean square is rounding of sums, not spread. */
    private static final double ROUNDING = 1e-12;

    private final int dimensions;
    /** For the pair a ≥ b at index a(a+1)/2 + b, its {@link #FIELDS} sums. */
    private final double[][] pairs;

    ScoreSums(int dimensions) {
        this.dimensions = dimensions;
        this.pairs = new double[dimensions * (dimensions + 1) / 2][FIELDS];
    }

    /** Adds a batch: {@code scores[a][i]} is dimension a's score in row i (NaN where missing). */
    void add(double[][] scores, int rows) {
        IntStream.range(0, dimensions).parallel().forEach(a -> {
            for (int b = 0; b <= a; b++) {
                double[] s = pairs[a * (a + 1) / 2 + b];
                double[] x = scores[a];
                double[] y = scores[b];
                double n = 0;
                double sx = 0;
                double sy = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                for (int i = 0; i < rows; i++) {
                    double xi = x[i];
                    double yi = y[i];
                    if (xi == xi && yi == yi) { // neither is NaN
                        n++;
                        sx += xi;
                        sy += yi;
                        sxx += xi * xi;
                        syy += yi * yi;
                        sxy += xi * yi;
                    }
                }
                s[N] += n;
                s[SX] += sx;
                s[SY] += sy;
                s[SXX] += sxx;
                s[SYY] += syy;
                s[SXY] += sxy;
            }
        });
    }

    /**
     * Sets the sums of the pair (a, b) found otherwise than by {@link #add} (from a category column's tables): over
     * the n rows where both are present, a's sum and sum of squares, b's, and the sum of products.
     */
    void set(int a, int b, double n, double sa, double sb, double saa, double sbb, double sab) {
        double[] s = a >= b ? pairs[a * (a + 1) / 2 + b] : pairs[b * (b + 1) / 2 + a];
        s[N] = n;
        s[SX] = a >= b ? sa : sb;
        s[SY] = a >= b ? sb : sa;
        s[SXX] = a >= b ? saa : sbb;
        s[SYY] = a >= b ? sbb : saa;
        s[SXY] = sab;
    }

    /** Copies into {@code into} every pair of these sums, dimension a going to {@code dims[a]} there. */
    void copyInto(ScoreSums into, int[] dims) {
        for (int a = 0; a < dimensions; a++) {
            for (int b = 0; b <= a; b++) {
                double[] s = pairs[a * (a + 1) / 2 + b];
                into.set(dims[a], dims[b], s[N], s[SX], s[SY], s[SXX], s[SYY], s[SXY]);
            }
        }
    }

    /** Dimension a's mean over the rows where it is present (NaN where none is). */
    double mean(int a) {
        double[] s = pairs[a * (a + 1) / 2 + a];
        return s[SX] / s[N];
    }

    /**
     * Dimension a's standard deviation over the rows where it is present (divided by their number); 0 where the
     * variance is within rounding of none (the sums cannot tell a constant from that).
     */
    double sd(int a) {
        double[] s = pairs[a * (a + 1) / 2 + a];
        double meanSquare = s[SXX] / s[N];
        double mean = s[SX] / s[N];
        double variance = meanSquare - mean * mean;
        return variance > ROUNDING * meanSquare ? Math.sqrt(variance) : 0;
    }

    void merge(ScoreSums other) {
        for (int p = 0; p < pairs.length; p++) {
            for (int f = 0; f < FIELDS; f++) {
                pairs[p][f] += other.pairs[p][f];
            }
        }
    }

    /** The latent correlation matrix (unrepaired), as {@link Correlation#latent} computes it from every score. */
    double[][] latent() {
        double[][] r = new double[dimensions][dimensions];
        double[] rms = new double[dimensions];
        for (int a = 0; a < dimensions; a++) {
            double[] s = pairs[a * (a + 1) / 2 + a];
            rms[a] = s[N] == 0 ? 0 : Math.sqrt(s[SXX] / s[N]);
        }
        for (int a = 0; a < dimensions; a++) {
            r[a][a] = 1;
            for (int b = 0; b < a; b++) {
                double[] s = pairs[a * (a + 1) / 2 + b];
                double n = s[N];
                double cov = s[SXY] - s[SX] * s[SY] / n;
                double vx = s[SXX] - s[SX] * s[SX] / n;
                double vy = s[SYY] - s[SY] * s[SY] / n;
                double v = n > 1 && vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
                v = rms[a] > 0 && rms[b] > 0 ? v / (rms[a] * rms[b]) : 0;
                v = Math.max(-1, Math.min(1, v));
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return r;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("dimensions", dimensions);
        ArrayNode a = o.putArray("pairs");
        for (double[] s : pairs) {
            ArrayNode p = a.addArray();
            for (double v : s) {
                p.add(v);
            }
        }
        return o;
    }

    static ScoreSums fromJson(JsonNode o) {
        ScoreSums s = new ScoreSums(o.path("dimensions").asInt());
        for (int p = 0; p < s.pairs.length; p++) {
            for (int f = 0; f < FIELDS; f++) {
                s.pairs[p][f] = o.path("pairs").get(p).get(f).asDouble();
            }
        }
        return s;
    }
}
