package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.plugins.rules.constraint.RuleConstraints;
import io.tabsynth.plugins.rules.spec.SpecFile;
import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, checked rules spec: columns in an order where each comes after the columns it reads,
 * correlated blocks with their Cholesky factors, constraints and edge cases. Nothing is generated from a
 * spec that fails any check.
 */
final class RulesSpec {
    /**
     * Columns whose quantiles are drawn together from a Gaussian copula.
     *
     * @param columns  indices into the columns
     * @param cholesky lower-triangular factor of the correlation matrix
     */
    record Block(int[] columns, double[][] cholesky) {
    }

    final JsonNode json;
    final List<ColumnRule> columns;
    final int[] order;
    final List<Block> blocks;
    final List<EdgeCase> edgeCases;
    final RuleConstraints constraints;
    final Schema schema;

    private RulesSpec(JsonNode json, List<ColumnRule> columns, int[] order, List<Block> blocks,
                      List<EdgeCase> edgeCases, RuleConstraints constraints) {
        this.json = json;
        this.columns = columns;
        this.order = order;
        this.blocks = blocks;
        this.edgeCases = edgeCases;
        this.constraints = constraints;
        List<ColumnSpec> specs = new ArrayList<>();
        columns.forEach(c -> specs.add(c.columnSpec()));
        this.schema = Schema.of(specs);
    }

    static RulesSpec read(SpecFile file) {
        SpecObject root = file.root();
        root.allowOnly(List.of("columns", "correlations", "constraints", "edgeCases", "description", "name"));
        List<SpecObject> cols = root.objects("columns");
        if (cols.isEmpty()) {
            throw root.error("columns", "a spec needs at least one column");
        }
        List<String> names = new ArrayList<>();
        for (SpecObject c : cols) {
            String n = c.text("name");
            if (names.contains(n)) {
                throw c.error("name", "column '" + n + "' is defined twice");
            }
            names.add(n);
        }
        List<ColumnRule> rules = new ArrayList<>();
        Map<String, ColumnRule> byName = new LinkedHashMap<>();
        for (SpecObject c : cols) {
            ColumnRule r = ColumnRule.read(c, names);
            rules.add(r);
            byName.put(r.name, r);
        }
        int[] order = order(rules, byName);
        List<Block> blocks = blocks(root, rules, names);
        RuleConstraints constraints = RuleConstraints.of(root, "constraints");
        List<ColumnSpec> specs = new ArrayList<>();
        rules.forEach(r -> specs.add(r.columnSpec()));
        Schema schema = Schema.of(specs);
        constraints.bind(schema, null);  // columns and kinds are checked now, not at the first sample
        Set<String> uniqueColumns = new java.util.HashSet<>();
        List<SpecObject> constraintEntries = root.objects("constraints");
        for (SpecObject e : constraintEntries) {
            List<String> named = new ArrayList<>(e.texts("columns"));
            for (String f : List.of("column", "low", "high")) {
                if (e.has(f) && e.get(f).isTextual()) {
                    named.add(e.text(f));
                }
            }
            for (String n : named) {
                if (byName.containsKey(n) && byName.get(n).finishing()) {
                    throw e.error(n + " is a " + byName.get(n).base.source().name().toLowerCase()
                            + " column: its values are numbered after constraints are checked, and are unique already");
                }
            }
            if (e.text("type").equals("unique")) {
                uniqueColumns.addAll(named);
            }
        }
        List<EdgeCase> edges = new ArrayList<>();
        for (SpecObject e : root.objects("edgeCases")) {
            String col = e.has("column") ? e.text("column") : "";
            edges.add(EdgeCase.read(e, byName, uniqueColumns.contains(col)));
        }
        return new RulesSpec(file.rootNode(), rules, order, blocks, edges, constraints);
    }

    /** Columns ordered so that each follows those it reads (spec order among equals); a cycle is an error. */
    private static int[] order(List<ColumnRule> rules, Map<String, ColumnRule> byName) {
        int n = rules.size();
        List<String> names = new ArrayList<>(byName.keySet());
        boolean[] placed = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int next = -1;
            for (int i = 0; i < n && next < 0; i++) {
                if (placed[i]) {
                    continue;
                }
                boolean ready = true;
                for (String d : rules.get(i).dependencies()) {
                    ColumnRule dep = byName.get(d);
                    if (dep.finishing()) {
                        throw rules.get(i).spec.error(rules.get(i).name + " reads " + d + ", a "
                                + dep.base.source().name().toLowerCase() + " column: those are numbered after the other "
                                + "columns, so nothing can depend on them");
                    }
                    if (d.equals(rules.get(i).name)) {
                        throw rules.get(i).spec.error(rules.get(i).name + " reads itself");
                    }
                    ready &= placed[names.indexOf(d)];
                }
                if (ready) {
                    next = i;
                }
            }
            if (next < 0) {
                List<String> stuck = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (!placed[i]) {
                        stuck.add(names.get(i));
                    }
                }
                ColumnRule first = rules.get(names.indexOf(stuck.get(0)));
                throw first.spec.error("columns depend on each other in a cycle: " + String.join(", ", stuck));
            }
            placed[next] = true;
            order[k] = next;
        }
        return order;
    }

    private static List<Block> blocks(SpecObject root, List<ColumnRule> rules, List<String> names) {
        List<Block> blocks = new ArrayList<>();
        Set<String> used = new java.util.HashSet<>();
        for (SpecObject b : root.objects("correlations")) {
            b.allowOnly(List.of("columns", "matrix", "rho", "description"));
            List<String> cols = b.texts("columns");
            if (cols.size() < 2) {
                throw b.error("columns", "a correlated block needs at least two columns");
            }
            int k = cols.size();
            int[] idx = new int[k];
            for (int i = 0; i < k; i++) {
                String c = cols.get(i);
                idx[i] = names.indexOf(c);
                if (idx[i] < 0) {
                    throw b.noColumn("columns", c, names);
                }
                if (!rules.get(idx[i]).quantiled()) {
                    throw b.error("columns", "'" + c + "' is not drawn from a distribution, so it cannot be correlated "
                            + "this way (use an expression instead)");
                }
                if (!used.add(c)) {
                    throw b.error("columns", "'" + c + "' is in two correlated blocks");
                }
            }
            double[][] m = new double[k][k];
            if (b.has("rho")) {
                if (k != 2) {
                    throw b.error("rho", "rho is for two columns; give a matrix for more");
                }
                double rho = b.number("rho", 0, -1, 1);
                m = new double[][] {{1, rho}, {rho, 1}};
            } else {
                JsonNode mat = b.get("matrix");
                if (mat == null || !mat.isArray() || mat.size() != k) {
                    throw b.error("matrix", "expected a " + k + " x " + k + " correlation matrix (or rho for two columns)");
                }
                for (int i = 0; i < k; i++) {
                    if (!mat.get(i).isArray() || mat.get(i).size() != k) {
                        throw b.error("matrix", "row " + (i + 1) + " must have " + k + " numbers");
                    }
                    for (int j = 0; j < k; j++) {
                        m[i][j] = mat.get(i).get(j).asDouble();
                    }
                }
                for (int i = 0; i < k; i++) {
                    if (Math.abs(m[i][i] - 1) > 1e-9) {
                        throw b.error("matrix", "the diagonal must be 1 (row " + (i + 1) + " has " + m[i][i] + ")");
                    }
                    for (int j = 0; j < k; j++) {
                        if (Math.abs(m[i][j] - m[j][i]) > 1e-9 || Math.abs(m[i][j]) > 1) {
                            throw b.error("matrix", "must be symmetric with entries in [-1, 1] (row " + (i + 1)
                                    + ", column " + (j + 1) + ")");
                        }
                    }
                }
            }
            double[][] l = cholesky(m);
            if (l == null) {
                throw b.error("matrix", "is not positive definite, so no data can have these correlations");
            }
            blocks.add(new Block(idx, l));
        }
        return blocks;
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 1e-12) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
