package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.Normal;
import tech.tablesaw.columns.Column;

/**
 * A continuous column: a null share and a {@link Marginal} for the values. For speed the map from normal
 * score to value is tabulated once on a fine grid of scores (4,097 points over [-6, 6]) and interpolated,
 * so sampling a value costs a multiply and a lookup rather than a quantile function.
 */
final class ContinuousColumn implements ColumnModel {
    private static final double Z_MIN = -6;
    private static final double Z_MAX = 6;
    private static final int GRID = 4097;
    private static final double H = (Z_MAX - Z_MIN) / (GRID - 1);
    /** The grid's probabilities are kept this far from 0 and 1. */
    static final double TAIL = 1e-12;

    private final ColumnSpec spec;
    private final Marginal marginal;
    private final double nullRate;
    private final double ks;
    private final NumericOutput output;
    private final NullGate nulls;
    /** The score-to-value table, made on first use: fitting does not need it, only sampling does. */
    private volatile double[] grid;

    ContinuousColumn(ColumnSpec spec, Marginal marginal, double nullRate, double ks, NumericOutput output) {
        this.spec = spec;
        this.marginal = marginal;
        this.nullRate = nullRate;
        this.ks = ks;
        this.output = output;
        this.nulls = new NullGate(nullRate);
    }

    @Override
    public void prepareSampling() {
        grid();
    }

    /** The values at the grid's scores (computed once; two threads racing compute the same values). */
    private double[] grid() {
        double[] g = grid;
        if (g == null) {
            double[] u = new double[GRID];
            for (int k = 0; k < GRID; k++) {
                u[k] = Math.max(TAIL, Math.min(1 - TAIL, Normal.cdf(Z_MIN + k * H)));
            }
            g = marginal.quantiles(u);
            grid = g;
        }
        return g;
    }

    /** The distribution of the column's values. */
    Marginal marginal() {
        return marginal;
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public boolean inCopula() {
        return true;
    }

    @Override
    public boolean nullDimension() {
        return nulls.active();
    }

    @Override
    public Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng) {
        double[] grid = grid();
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            double zi = z[i];
            if (nulls.isNull(nullZ, i)) {
                v[i] = Double.NaN;
                continue;
            }
            double pos = (zi - Z_MIN) / H;
            if (pos <= 0) {
                v[i] = output.finish(grid[0]);
            } else if (pos >= GRID - 1) {
                v[i] = output.finish(grid[GRID - 1]);
            } else {
                int k = (int) pos;
                double f = pos - k;
                v[i] = output.finish(Interpolation.between(grid[k], grid[k + 1], f));
            }
        }
        return output.column(v, rows);
    }

    @Override
    public String describe() {
        // a marginal made from noisy counts (a differentially private fit) was not tested against the data
        return marginal.describe() + (Double.isNaN(ks) ? "" : String.format(java.util.Locale.ROOT, ", KS %.4f", ks));
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "continuous");
        o.put("nullRate", nullRate);
        if (!Double.isNaN(ks)) {
            o.put("ks", ks);
        }
        o.set("marginal", marginal.toJson());
        output.toJson(o);
        return o;
    }

    static ContinuousColumn fromJson(ColumnSpec spec, JsonNode o) {
        return new ContinuousColumn(spec, Marginal.fromJson(o.get("marginal")), o.path("nullRate").asDouble(),
                o.path("ks").asDouble(Double.NaN), NumericOutput.fromJson(spec, o));
    }
}
