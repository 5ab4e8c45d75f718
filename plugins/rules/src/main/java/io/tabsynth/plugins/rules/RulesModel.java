package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.curiousoddman.rgxgen.RgxGen;
import io.tabsynth.plugins.rules.constraint.BoundRules;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.constraint.ConstrainedModel;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.Normal;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A rules spec ready to sample: rows are drawn batch by batch (uniform or copula-correlated quantiles,
 * then each column in dependency order), rows breaking the spec's constraints are redrawn, and finally
 * sequences and UUIDs are numbered and edge cases injected (see {@link Finishing}).
 */
final class RulesModel implements Model {
    static final ObjectMapper JSON = JsonOutput.mapper();

    private final RulesSpec spec;
    private final int maxTries;
    private final BoundRules constraints;
    private final Raw raw = new Raw();

    RulesModel(RulesSpec spec, int maxTries) {
        this.spec = spec;
        this.maxTries = maxTries;
        this.constraints = spec.constraints.isEmpty() ? null : (BoundRules) spec.constraints.bind(spec.schema, null);
    }

    @Override
    public Schema schema() {
        return spec.schema;
    }

    @Override
    public Map<String, String> describeColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ColumnRule c : spec.columns) {
            String how = c.spec.text("type") + (c.branches.isEmpty() ? "" : ", " + c.branches.size() + " conditional variant(s)");
            m.put(c.name, how);
        }
        return m;
    }

    @Override
    public FrameStream sample(long rows, long seed) {
        FrameStream drawn = constraints == null ? raw.sample(rows, seed)
                : new ConstrainedModel(raw, constraints, spec.schema, maxTries).sample(rows, seed);
        return new Finishing(spec, drawn, seed, constraints == null ? null : constraints.checking());
    }

    @Override
    public void save(OutputStream out) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", "tabsynth-rules");
        n.put("version", 1);
        n.put("maxTries", maxTries);
        n.set("spec", spec.json);
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    /** Draws rows before constraints, sequences and edge cases. */
    private final class Raw extends BatchedModel {
        @Override
        public Schema schema() {
            return spec.schema;
        }

        @Override
        public void save(OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Frame sampleBatch(long batch, int rows, Rng rng) {
            int m = spec.columns.size();
            double[][] u = new double[m][];
            for (RulesSpec.Block b : spec.blocks) {
                int k = b.columns().length;
                for (int c : b.columns()) {
                    u[c] = new double[rows];
                }
                double[] e = new double[k];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < k; i++) {
                        e[i] = rng.nextGaussian();
                    }
                    for (int i = 0; i < k; i++) {
                        double z = 0;
                        for (int j = 0; j <= i; j++) {
                            z += b.cholesky()[i][j] * e[j];
                        }
                        u[b.columns()[i]][r] = Math.min(1 - 1e-16, Math.max(1e-300, Normal.cdf(z)));
                    }
                }
            }
            double[][] nulls = new double[m][];
            for (int c = 0; c < m; c++) {
                ColumnRule col = spec.columns.get(c);
                if (u[c] == null && col.quantiled()) {
                    u[c] = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        u[c][r] = rng.nextOpenDouble();
                    }
                }
                if (col.hasNulls()) {
                    nulls[c] = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        nulls[c][r] = rng.nextDouble();
                    }
                }
            }
            Random random = new Random(rng.nextLong());
            Map<ColumnRule.Variant, RgxGen> patterns = new IdentityHashMap<>();
            Object[][] values = new Object[m][rows];
            GenerationRow row = new GenerationRow(spec, values);
            try {
                generate(rows, rng, u, nulls, random, patterns, values, row);
            } catch (RuntimeException e) {
                throw Activity.failure("generating column '" + row.column + "'", e);
            }
            Table t = Table.create("rules");
            for (int c = 0; c < m; c++) {
                t.addColumns(column(spec.columns.get(c), values[c]));
            }
            return Frame.of(t, spec.schema);
        }

        /** Fills {@code values} row by row, each row's columns in dependency order. */
        private void generate(int rows, Rng rng, double[][] u, double[][] nulls, Random random,
                              Map<ColumnRule.Variant, RgxGen> patterns, Object[][] values, GenerationRow row) {
            for (int r = 0; r < rows; r++) {
                row.at(r);
                for (int c : spec.order) {
                    ColumnRule col = spec.columns.get(c);
                    row.column = col.name;
                    if (col.finishing()) {
                        continue;
                    }
                    ColumnRule.Variant v = col.base;
                    for (ColumnRule.Branch b : col.branches) {
                        if (!b.condition().readsMissing(row) && b.condition().test(row)) {
                            v = b.variant();
                            break;
                        }
                    }
                    if (v.nullRate() > 0 && nulls[c][r] < v.nullRate()) {
                        continue;
                    }
                    switch (v.source()) {
                        case DISTRIBUTION:
                            values[c][r] = v.distribution().at(u[c] == null ? rng.nextOpenDouble() : u[c][r]);
                            break;
                        case EXPRESSION:
                            if (!v.expression().readsMissing(row)) {
                                values[c][r] = convert(v.expression().evaluate(row), col, v);
                            }
                            break;
                        case PATTERN:
                            values[c][r] = patterns.computeIfAbsent(v, x -> RgxGen.parse(x.pattern())).generate(random);
                            break;
                        case WORDS:
                            values[c][r] = v.words().text(rng);
                            break;
                        default:
                            break;
                    }
                }
            }
        }
    }

    /** An expression's result as the column's kind; a result that does not fit names the column. */
    private static Object convert(Object v, ColumnRule col, ColumnRule.Variant variant) {
        if (v == null) {
            return null;
        }
        switch (col.kind) {
            case CONTINUOUS: {
                if (!(v instanceof Number)) {
                    throw col.spec.error("expr", "gave " + v + ", which is not a number (set 'kind' for other values)");
                }
                double d = ((Number) v).doubleValue();
                if (variant.decimals() >= 0 && Double.isFinite(d)) {
                    d = BigDecimal.valueOf(d).setScale(variant.decimals(), RoundingMode.HALF_EVEN).doubleValue();
                }
                return Double.isFinite(d) ? d : null;
            }
            case INTEGER:
                if (!(v instanceof Number)) {
                    throw col.spec.error("expr", "gave " + v + ", which is not a number");
                }
                return Math.round(((Number) v).doubleValue());
            case BOOLEAN:
                if (!(v instanceof Boolean)) {
                    throw col.spec.error("expr", "gave " + v + ", which is not true or false");
                }
                return v;
            case DATETIME:
                if (!(v instanceof LocalDateTime)) {
                    throw col.spec.error("expr", "gave " + v + ", which is not a date-time");
                }
                return v;
            default:
                return String.valueOf(v);
        }
    }

    /** A Tablesaw column of the rule's kind holding the values (null for missing). */
    static Column<?> column(ColumnRule rule, Object[] values) {
        ColumnKind kind = rule.kind;
        switch (kind) {
            case CONTINUOUS: {
                double[] d = new double[values.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
                }
                return DoubleColumn.create(rule.name, d);
            }
            case INTEGER: {
                LongColumn c = LongColumn.create(rule.name, values.length);
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null) {
                        c.setMissing(i);
                    } else {
                        c.set(i, ((Number) values[i]).longValue());
                    }
                }
                return c;
            }
            case BOOLEAN: {
                BooleanColumn c = BooleanColumn.create(rule.name);
                for (Object v : values) {
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.append((Boolean) v);
                    }
                }
                return c;
            }
            case DATETIME: {
                DateTimeColumn c = DateTimeColumn.create(rule.name);
                for (Object v : values) {
                    if (v == null) {
                        c.appendMissing();
                    } else {
                        c.append((LocalDateTime) v);
                    }
                }
                return c;
            }
            default: {
                StringColumn c = StringColumn.create(rule.name);
                for (Object v : values) {
                    c.append(v == null ? "" : (String) v);
                }
                return c;
            }
        }
    }

    /** The row being generated, as expressions see it. */
    private static final class GenerationRow extends Expression.Row {
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final Object[][] values;
        private int row;
        /** The column being generated, for the message of a failure. */
        private String column = "";

        GenerationRow(RulesSpec spec, Object[][] values) {
            this.values = values;
            for (int i = 0; i < spec.columns.size(); i++) {
                index.put(spec.columns.get(i).name, i);
            }
        }

        void at(int r) {
            row = r;
        }

        @Override
        protected Object value(String column) {
            Integer i = index.get(column);
            return i == null ? null : values[i][row];
        }

        @Override
        protected boolean hasColumn(String column) {
            return index.containsKey(column);
        }

        @Override
        protected String describe() {
            StringBuilder b = new StringBuilder("{");
            index.forEach((k, i) -> {
                if (values[i][row] != null) {
                    b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(values[i][row]);
                }
            });
            return b.append('}').toString();
        }
    }
}
