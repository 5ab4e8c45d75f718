package io.tabsynth.engine.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareCategories;
import io.tabsynth.spi.fidelity.CodeBook;
import io.tabsynth.spi.fidelity.PairTrend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a real table moved from an old snapshot to a new one: per column its {@link PopulationStability} (and, for
 * numbers, its {@link KolmogorovSmirnov} test), and per pair of columns the change of their relationship, by the
 * pair-trend metric the fidelity score uses ({@link PairTrend}: the new snapshot in place of synthetic data).
 * Identifier and free-text columns are not compared. Categories that fewer than {@code minCount} rows hold in both
 * snapshots are one bin, named as reports name rare values ({@link RareCategories}).
 */
public final class DriftReport {
    /**
     * A pair whose relationship (Pearson correlation for two numbers, Cramér's V otherwise) differs by this much or
     * more between the snapshots has changed.
     */
    public static final double PAIR_RELATIONSHIP_CHANGED = 0.1;

    /**
     * One column's movement.
     *
     * @param column  its name
     * @param kind    its kind
     * @param psi     its population stability
     * @param ks      the Kolmogorov–Smirnov test for a number; {@code null} for a category
     */
    public record ColumnDrift(String column, ColumnKind kind, PopulationStability psi, KolmogorovSmirnov ks) {
        public boolean shifted() {
            return psi.status() == PopulationStability.Status.SHIFTED;
        }
    }

    /**
     * One pair's change: the pair-trend similarity of the new snapshot to the old, and the pair's relationship in each.
     *
     * @param first      one column
     * @param second     the other
     * @param trend      the metric and similarity, the new snapshot scored against the old
     * @param before     the relationship in the old snapshot (correlation or Cramér's V), null when undefined
     * @param after      the relationship in the new snapshot, null when undefined
     */
    public record PairDrift(String first, String second, PairTrend trend, Double before, Double after) {
        public boolean changed() {
            return before != null && after != null && Math.abs(after - before) >= PAIR_RELATIONSHIP_CHANGED;
        }
    }

    private final List<ColumnDrift> columns;
    private final List<PairDrift> pairs;
    private final List<String> notCompared;
    private final long oldRows;
    private final long newRows;

    private DriftReport(List<ColumnDrift> columns, List<PairDrift> pairs, List<String> notCompared, long oldRows,
                        long newRows) {
        this.columns = List.copyOf(columns);
        this.pairs = List.copyOf(pairs);
        this.notCompared = List.copyOf(notCompared);
        this.oldRows = oldRows;
        this.newRows = newRows;
    }

    /**
     * Compares {@code current} with {@code old}, column by column of the old snapshot's schema; the new snapshot
     * must have the old one's columns with the same kinds (read it like the old one).
     */
    public static DriftReport of(Frame old, Frame current, int minCount) {
        List<ColumnDrift> columns = new ArrayList<>();
        List<ColumnSpec> compared = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        for (ColumnSpec c : old.schema().columns()) {
            if (c.kind() == ColumnKind.IDENTIFIER || c.kind() == ColumnKind.FREE_TEXT) {
                notCompared.add(c.name());
            } else if (c.kind().isNumeric()) {
                double[] a = old.numbers(c.name());
                double[] b = current.numbers(c.name());
                columns.add(new ColumnDrift(c.name(), c.kind(), PopulationStability.ofNumbers(a, b),
                        KolmogorovSmirnov.of(a, b)));
                compared.add(c);
            } else {
                Map<String, Integer> a = categories(old, c.name());
                Map<String, Integer> b = categories(current, c.name());
                Set<String> rare = RareCategories.of(largest(a, b), minCount);
                columns.add(new ColumnDrift(c.name(), c.kind(), PopulationStability.ofCategories(pooled(a, rare),
                        pooled(b, rare)), null));
                compared.add(c);
            }
        }
        List<PairDrift> pairs = new ArrayList<>();
        if (compared.size() > 1) {
            CodeBook book = new CodeBook(old, current);
            CodeBook reversed = new CodeBook(current, old);
            for (int i = 0; i < compared.size(); i++) {
                for (int j = i + 1; j < compared.size(); j++) {
                    ColumnSpec a = compared.get(i);
                    ColumnSpec b = compared.get(j);
                    PairTrend trend = PairTrend.of(book, a, b);
                    Double after = a.kind().isNumeric() && b.kind().isNumeric() ? trend.synthetic()
                            : PairTrend.of(reversed, a, b).real();
                    pairs.add(new PairDrift(a.name(), b.name(), trend, trend.real(), after));
                }
            }
        }
        return new DriftReport(columns, pairs, notCompared, old.rowCount(), current.rowCount());
    }

    public List<ColumnDrift> columns() {
        return columns;
    }

    public List<PairDrift> pairs() {
        return pairs;
    }

    /** The columns whose PSI reaches {@link PopulationStability#SHIFTED}, in the table's order. */
    public List<String> shifted() {
        return columns.stream().filter(ColumnDrift::shifted).map(ColumnDrift::column).toList();
    }

    /** The pairs whose relationship changed, as {@code a ~ b}. */
    public List<String> changedPairs() {
        return pairs.stream().filter(PairDrift::changed).map(p -> p.first() + " ~ " + p.second()).toList();
    }

    /** The report as a record carries it. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("baselineRows", oldRows).put("currentRows", newRows);
        ObjectNode thresholds = out.putObject("thresholds");
        thresholds.put("psiModerate", PopulationStability.MODERATE).put("psiShifted", PopulationStability.SHIFTED)
                .put("psiEmptyBinShare", PopulationStability.EMPTY_SHARE)
                .put("pairRelationshipChanged", PAIR_RELATIONSHIP_CHANGED);
        ObjectNode cols = out.putObject("columns");
        for (ColumnDrift c : columns) {
            ObjectNode o = cols.putObject(c.column());
            o.put("kind", c.kind().jsonName());
            o.put("psi", c.psi().value());
            o.put("status", c.psi().status().word());
            o.put("binning", c.ks() == null ? "categories" : "deciles of the baseline");
            ArrayNode bins = o.putArray("bins");
            for (int i = 0; i < c.psi().bins().size(); i++) {
                bins.addObject().put("bin", c.psi().bins().get(i)).put("baseline", c.psi().oldShares()[i])
                        .put("current", c.psi().newShares()[i]);
            }
            if (c.ks() != null) {
                o.put("ks", c.ks().statistic()).put("ksPValue", c.ks().pValue());
            }
        }
        notCompared.forEach(out.putArray("notCompared")::add);
        ArrayNode pairNodes = out.putArray("pairTrends");
        for (PairDrift p : pairs) {
            ObjectNode o = pairNodes.addObject();
            o.putArray("columns").add(p.first()).add(p.second());
            o.put("metric", p.trend().metric());
            putNumber(o, "similarity", p.trend().score());
            String measure = p.trend().metric().startsWith("Correlation") ? "Correlation" : "CramersV";
            putNumber(o, "baseline" + measure, p.before());
            putNumber(o, "current" + measure, p.after());
            o.put("changed", p.changed());
        }
        shifted().forEach(out.putArray("shifted")::add);
        ArrayNode moderate = out.putArray("moderate");
        columns.stream().filter(c -> c.psi().status() == PopulationStability.Status.MODERATE)
                .forEach(c -> moderate.add(c.column()));
        changedPairs().forEach(out.putArray("changedPairs")::add);
        return out;
    }

    private static void putNumber(ObjectNode o, String name, Double value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    /** Rows per category (booleans as true/false), missing values under {@link PopulationStability#MISSING}. */
    private static Map<String, Integer> categories(Frame frame, String column) {
        int c = frame.schema().indexOf(column);
        Map<String, Integer> counts = new TreeMap<>();
        for (int r = 0; r < frame.rowCount(); r++) {
            Object cell = frame.cell(c, r);
            counts.merge(cell == null ? PopulationStability.MISSING : cell.toString(), 1, Integer::sum);
        }
        return counts;
    }

    /** Each category's larger count of the two snapshots. */
    private static Map<String, Integer> largest(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Math::max));
        return out;
    }

    /** The counts with the rare categories as one bin. */
    private static Map<String, Integer> pooled(Map<String, Integer> counts, Set<String> rare) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.merge(rare.contains(k) ? RareCategories.label(rare.size()) : k, v, Integer::sum));
        return out;
    }
}
