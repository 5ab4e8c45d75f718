package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strongest dependencies of a drafted spec, as {@code when} variants: a tree over the columns by the strength
 * of each pair's association (Chow and Liu's tree, with bias-corrected Cramér's V as the strength and numbers cut
 * at their deciles), each column but a tree's root generated from its parent. A child varies with its parent's most
 * common values, or with its parent's ranges where the parent is a number: a category column gets its shares per
 * group, a boolean its share of true, a number its distribution fitted to the group. Two numbers are linked by
 * the spec's correlated block instead, so the tree has no edge between two numbers.
 *
 * <p>Nothing rarer than {@code minCount} rows is written: a parent's value that fewer rows hold gets no variant
 * (its rows take the column's own distribution), nor does a group's share of a child's value that fewer rows of
 * the group hold.
 */
final class DependencyTree {
    /** Pairs weaker than this are left independent: the spec lists what matters. */
    static final double MIN_STRENGTH = 0.1;
    /** The most variants a column gets: one for each of its parent's most common values or ranges. */
    static final int MAX_VARIANTS = 16;
    /**
     * A pair's strength is measured only where its table has at least this many rows per cell on average (the
     * usual condition for a chi-square): on fewer rows chance alone shows associations as strong as real ones.
     */
    private static final int ROWS_PER_CELL = 5;
    /**
     * The chance that any pair of independent columns passes for related (a chi-square test at this level divided
     * by the number of pairs, Bonferroni's correction): among thousands of pairs some look related by chance.
     */
    private static final double FALSE_ALARM = 0.01;
    /** A number is cut at its deciles, both to measure strength and as a parent's ranges. */
    private static final int BINS = 10;

    /** How a column takes part: its values as group codes, and how it is written as a parent and as a child. */
    private enum Role { CATEGORY, BOOLEAN, NUMBER }

    /** A column of the tree: its role, its spec entry and its rows as codes (missing values their own code). */
    private record Node(String name, Role role, ObjectNode column, int[] codes, int levels, List<String> labels,
                        double[] edges) {
    }

    /** A group of rows, as a variant's condition reads it. */
    private record Group(String condition, boolean[] rows) {
    }

    private DependencyTree() {
    }

    /**
     * Adds {@code when} variants to the drafted {@code columns} (the spec's entries, in the data's column order)
     * along the tree of strongest dependencies.
     */
    static void draft(Frame data, ArrayNode columns, int minCount) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode c : columns) {
            Node n = node(data, (ObjectNode) c);
            if (n != null) {
                nodes.add(n);
            }
        }
        int k = nodes.size();
        float[][] strength = new float[k][k];
        long[] cells = new long[data.rowCount()];
        long pairs = (long) k * (k - 1) / 2;
        double significant = io.tabsynth.spi.stats.Normal.quantile(1 - FALSE_ALARM / Math.max(1, pairs));
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                if (nodes.get(a).role != Role.NUMBER || nodes.get(b).role != Role.NUMBER) {
                    strength[a][b] = (float) cramersV(nodes.get(a), nodes.get(b), cells, significant);
                    strength[b][a] = strength[a][b];
                }
            }
        }
        for (int[] edge : tree(nodes, strength)) {
            Node parent = nodes.get(edge[0]);
            Node child = nodes.get(edge[1]);
            ArrayNode when = Inference.NODES.arrayNode();
            for (Group g : groups(data, parent, minCount)) {
                ObjectNode variant = variant(data, child, g, minCount);
                if (variant != null) {
                    ObjectNode w = when.addObject();
                    w.put("if", g.condition);
                    w.setAll(variant);
                }
            }
            if (when.isEmpty()) {
                continue;
            }
            String about = "varies with " + parent.name + " as in the real data";
            String before = child.column.path("description").asText("");
            child.column.put("description", before.isEmpty() ? about : before + "; " + about);
            child.column.set("when", when);
        }
    }

    /** The column as a tree node, or null for a column the tree leaves alone (keys, text, dates, expressions). */
    private static Node node(Frame data, ObjectNode column) {
        String name = column.path("name").asText();
        String type = column.path("type").asText();
        int index = data.schema().indexOf(name);
        int n = data.rowCount();
        int[] codes = new int[n];
        switch (type) {
            case "categorical":
            case "shape":
            case "boolean": {
                Map<String, Integer> code = new LinkedHashMap<>();
                for (int r = 0; r < n; r++) {
                    codes[r] = data.isMissing(index, r) ? -1 : code.computeIfAbsent(CellText.of(data, index, r),
                            s -> code.size());
                }
                int missing = code.size();
                for (int r = 0; r < n; r++) {
                    codes[r] = codes[r] < 0 ? missing : codes[r];
                }
                return new Node(name, type.equals("boolean") ? Role.BOOLEAN : Role.CATEGORY, column, codes,
                        missing + 1, new ArrayList<>(code.keySet()), null);
            }
            case "normal":
            case "lognormal":
            case "poisson": {
                double[] v = data.numbers(name);
                double[] edges = deciles(v);
                for (int r = 0; r < n; r++) {
                    codes[r] = Double.isNaN(v[r]) ? edges.length + 1 : above(edges, v[r]);
                }
                return new Node(name, Role.NUMBER, column, codes, edges.length + 2, null, edges);
            }
            default:
                return null;
        }
    }

    /**
     * The maximum spanning forest over edges of at least {@link #MIN_STRENGTH}, grown (Prim) from the column
     * with the most total strength, which is never a number, so that numbers are children where they can be; each
     * edge as {parent, child}, in the order the columns join. Quadratic in the number of columns.
     */
    private static List<int[]> tree(List<Node> nodes, float[][] strength) {
        int k = nodes.size();
        double[] total = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                total[i] += strength[i][j] >= MIN_STRENGTH ? strength[i][j] : 0;
            }
        }
        boolean[] in = new boolean[k];
        double[] best = new double[k];   // the strongest edge from the tree to each column outside it
        int[] from = new int[k];
        List<int[]> edges = new ArrayList<>();
        while (true) {
            int root = -1;
            for (int i = 0; i < k; i++) {
                if (!in[i] && nodes.get(i).role != Role.NUMBER && total[i] > 0 && (root < 0 || total[i] > total[root])) {
                    root = i;
                }
            }
            if (root < 0) {
                return edges;
            }
            for (int joined = root; joined >= 0; ) {
                in[joined] = true;
                for (int c = 0; c < k; c++) {
                    if (!in[c] && strength[joined][c] >= MIN_STRENGTH && strength[joined][c] > best[c]) {
                        best[c] = strength[joined][c];
                        from[c] = joined;
                    }
                }
                int next = -1;
                for (int c = 0; c < k; c++) {
                    if (!in[c] && best[c] > 0 && (next < 0 || best[c] > best[next])) {
                        next = c;
                    }
                }
                if (next >= 0) {
                    edges.add(new int[] {from[next], next});
                }
                joined = next;
            }
        }
    }

    /**
     * The parent's groups that get a variant: its {@link #MAX_VARIANTS} most common values that at least
     * {@code minCount} rows hold (ties by value), or, for a number, its ranges between deciles (a range with fewer
     * rows joins the next).
     */
    private static List<Group> groups(Frame data, Node parent, int minCount) {
        int n = data.rowCount();
        List<Group> groups = new ArrayList<>();
        String ref = Expression.reference(parent.name);
        if (parent.role == Role.NUMBER) {
            boolean integer = parent.column.path("kind").asText().equals("integer");
            double[] v = data.numbers(parent.name);
            double low = Double.NEGATIVE_INFINITY;
            for (int e = 0; e <= parent.edges.length && groups.size() < MAX_VARIANTS; e++) {
                boolean last = e == parent.edges.length;
                double high = last ? Double.POSITIVE_INFINITY : parent.edges[e];
                boolean[] rows = new boolean[n];
                int count = 0;
                for (int r = 0; r < n; r++) {
                    rows[r] = v[r] >= low && v[r] < high;
                    count += rows[r] ? 1 : 0;
                }
                if (count < minCount) {
                    continue;   // its rows meet the next range's condition
                }
                String condition = last ? ref + " >= " + number(low, integer) : ref + " < " + number(high, integer);
                groups.add(new Group(condition, rows));
                low = high;
            }
            return groups;
        }
        int[] counts = new int[parent.levels];
        for (int code : parent.codes) {
            counts[code]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int code = 0; code < parent.labels.size(); code++) {
            if (counts[code] >= minCount && writable(parent, parent.labels.get(code))) {
                order.add(code);
            }
        }
        order.sort((a, b) -> counts[a] != counts[b] ? counts[b] - counts[a]
                : parent.labels.get(a).compareTo(parent.labels.get(b)));
        for (int code : order.subList(0, Math.min(MAX_VARIANTS, order.size()))) {
            boolean[] rows = new boolean[n];
            for (int r = 0; r < n; r++) {
                rows[r] = parent.codes[r] == code;
            }
            String label = parent.labels.get(code);
            String value = parent.role == Role.BOOLEAN ? label.toLowerCase(java.util.Locale.ROOT)
                    : Expression.quote(label);
            groups.add(new Group(ref + " == " + value, rows));
        }
        return groups;
    }

    /** True if the spec may name the value: a category column names only the values its entry lists. */
    private static boolean writable(Node node, String label) {
        return node.role == Role.BOOLEAN || node.column.path("values").has(label);
    }

    /** The fields of the child's variant for the rows of {@code g}, or null where the group gives nothing to write. */
    private static ObjectNode variant(Frame data, Node child, Group g, int minCount) {
        ObjectNode o = Inference.NODES.objectNode();
        int n = data.rowCount();
        switch (child.role) {
            case CATEGORY: {
                int[] counts = new int[child.levels];
                for (int r = 0; r < n; r++) {
                    if (g.rows[r]) {
                        counts[child.codes[r]]++;
                    }
                }
                List<Integer> order = new ArrayList<>();
                for (int code = 0; code < child.labels.size(); code++) {
                    if (counts[code] >= minCount && writable(child, child.labels.get(code))) {
                        order.add(code);
                    }
                }
                if (order.isEmpty()) {
                    return null;
                }
                order.sort((a, b) -> counts[a] != counts[b] ? counts[b] - counts[a]
                        : child.labels.get(a).compareTo(child.labels.get(b)));
                ObjectNode values = o.putObject("values");
                order.forEach(code -> values.put(child.labels.get(code), counts[code]));
                return o;
            }
            case BOOLEAN: {
                int yes = 0;
                int present = 0;
                int trueCode = child.labels.indexOf("true");
                for (int r = 0; r < n; r++) {
                    if (g.rows[r] && child.codes[r] < child.labels.size()) {
                        present++;
                        yes += child.codes[r] == trueCode ? 1 : 0;
                    }
                }
                if (present < minCount) {
                    return null;
                }
                o.put("p", Math.round(yes * 1e4 / present) / 1e4);
                return o;
            }
            default: {
                double[] v = data.numbers(child.name);
                double[] values = new double[n];
                int m = 0;
                for (int r = 0; r < n; r++) {
                    if (g.rows[r] && !Double.isNaN(v[r])) {
                        values[m++] = v[r];
                    }
                }
                return m < minCount ? null : Inference.numericVariant(Arrays.copyOf(values, m), child.column);
            }
        }
    }

    private static String number(double x, boolean integer) {
        return integer ? Long.toString((long) x) : CellText.number(x);
    }

    /** The distinct deciles of the present values. */
    private static double[] deciles(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new double[0];
        }
        double[] edges = new double[BINS - 1];
        for (int k = 1; k < BINS; k++) {
            edges[k - 1] = v[(int) Math.min(v.length - 1, Math.floor(k * (double) v.length / BINS))];
        }
        return Arrays.stream(edges).distinct().toArray();
    }

    /** The number of edges at or below {@code x}. */
    private static int above(double[] edges, double x) {
        int pos = Arrays.binarySearch(edges, x);
        return pos >= 0 ? pos + 1 : -pos - 1;
    }

    /**
     * Cramér's V of two columns' codes with Bergsma's correction for the association a table shows by chance, so
     * that many-valued columns do not look related by their sampling noise alone; from the non-empty cells alone
     * (sorted in {@code cells}, one per row), so that many-valued columns cost their rows, not their product. 0
     * unless the chi-square test (Wilson and Hilferty's normal approximation) gives a z-score of at least
     * {@code significant}.
     */
    private static double cramersV(Node a, Node b, long[] cells, double significant) {
        int n = a.codes.length;
        if (n < 2) {
            return 0;
        }
        double[] pa = new double[a.levels];
        double[] pb = new double[b.levels];
        for (int r = 0; r < n; r++) {
            cells[r] = (long) a.codes[r] * b.levels + b.codes[r];
            pa[a.codes[r]]++;
            pb[b.codes[r]]++;
        }
        int rows = (int) Arrays.stream(pa).filter(c -> c > 0).count();
        int cols = (int) Arrays.stream(pb).filter(c -> c > 0).count();
        if (Math.min(rows, cols) < 2 || n < (long) ROWS_PER_CELL * rows * cols) {
            return 0;
        }
        Arrays.sort(cells, 0, n);
        double sum = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && cells[end] == cells[start]) {
                end++;
            }
            double count = end - start;
            sum += count * count / (pa[(int) (cells[start] / b.levels)] * pb[(int) (cells[start] % b.levels)]);
            start = end;
        }
        double df = (rows - 1.0) * (cols - 1.0);
        double spread = 2 / (9 * df);
        if ((Math.cbrt(n * (sum - 1) / df) - (1 - spread)) / Math.sqrt(spread) < significant) {
            return 0;
        }
        double phi2 = Math.max(0, sum - 1 - df / (n - 1));
        double r = rows - (rows - 1.0) * (rows - 1.0) / (n - 1);
        double c = cols - (cols - 1.0) * (cols - 1.0) / (n - 1);
        double dof = Math.min(r, c) - 1;
        return dof <= 0 ? 0 : Math.sqrt(Math.min(1, phi2 / dof));
    }
}
