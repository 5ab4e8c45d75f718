package io.tabsynth.plugins.copula;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a streamed fit gathers on its second pass so that categorical columns' labels can be ordered as the
 * in-memory fit orders them ({@link LabelOrder}) and the correlation then found without a third pass. For each
 * ordered column and each of its labels (and its nulls), over the label's rows: for every fixed dimension (numbers,
 * missingness, columns kept in frequency order) the rows where it is present, its sum and its sum of squares;
 * for every pair of ordered columns the rows each pair of labels shares. A categorical column's score is a function
 * of its label, so any sum over rows that involves it is a sum over these tables: memory grows with the labels,
 * not with the rows, and the sums do not depend on how the rows were batched or on the threads.
 */
final class StreamedLabelSums implements LabelOrder.LabelSums<StreamedLabelSums.Partner> {
    /** Per fixed dimension in a label's table: rows where it is present, Σx, Σx². */
    private static final int N = 0;
    private static final int SX = 1;
    private static final int SXX = 2;
    private static final int FIELDS = 3;
    /** Columns are ordered while their tables take at most this many cells (32 MB); the rest keep frequency order. */
    static final long MAX_CELLS = 4_000_000;

    /** Column o's standardised score of each label index, the nulls' at the end. */
    record Partner(int o, double[] byCode) {
    }

    private final List<ColumnSpec> specs;
    private final List<CategoryCounts> counts;
    private final List<Map<String, Integer>> codes;
    private final int fixed;
    /** [column][code × fixed × FIELDS], code {@code size()} being the nulls. */
    private final double[][] fixedTables;
    /** [column i][column j < i][code_i × (size_j + 1) + code_j]. */
    private final long[][][] pairTables;

    /** Empty tables for the ordered columns (their specs and first-pass counts) against {@code fixed} dimensions. */
    StreamedLabelSums(List<ColumnSpec> specs, List<CategoryCounts> counts, int fixed) {
        this.specs = specs;
        this.counts = counts;
        this.fixed = fixed;
        int m = counts.size();
        codes = IntStream.range(0, m).mapToObj(i -> {
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < counts.get(i).size(); k++) {
                index.put(counts.get(i).label(k), k);
            }
            return index;
        }).toList();
        fixedTables = new double[m][];
        pairTables = new long[m][][];
        for (int i = 0; i < m; i++) {
            fixedTables[i] = new double[codesOf(i) * fixed * FIELDS];
            pairTables[i] = new long[i][];
            for (int j = 0; j < i; j++) {
                pairTables[i][j] = new long[codesOf(i) * codesOf(j)];
            }
        }
    }

    /** The table cells that columns with these label counts take against {@code fixed} dimensions. */
    static long cells(List<Integer> labels, int fixed) {
        long cells = 0;
        for (int i = 0; i < labels.size(); i++) {
            cells += (labels.get(i) + 1L) * fixed * FIELDS;
            for (int j = 0; j < i; j++) {
                cells += (labels.get(i) + 1L) * (labels.get(j) + 1L);
            }
        }
        return cells;
    }

    private int codesOf(int i) {
        return counts.get(i).size() + 1;
    }

    /** Adds a batch; {@code fixedScores[f]} is fixed dimension f's scores of its rows (NaN where missing). */
    void add(Frame batch, double[][] fixedScores) {
        int m = counts.size();
        int rows = batch.rowCount();
        int[][] rowCodes = new int[m][];
        IntStream.range(0, m).parallel().forEach(i -> {
            List<String> cells = ColumnSummary.labels(batch, specs.get(i));
            int[] c = new int[rows];
            int nullCode = counts.get(i).size();
            for (int r = 0; r < rows; r++) {
                String label = cells.get(r);
                c[r] = label.isEmpty() ? nullCode : codes.get(i).get(label);
            }
            rowCodes[i] = c;
        });
        IntStream.range(0, m).parallel().forEach(i -> {
            int[] ci = rowCodes[i];
            double[] table = fixedTables[i];
            for (int f = 0; f < fixed; f++) {
                double[] x = fixedScores[f];
                for (int r = 0; r < rows; r++) {
                    double v = x[r];
                    if (v == v) { // present
                        int at = (ci[r] * fixed + f) * FIELDS;
                        table[at + N]++;
                        table[at + SX] += v;
                        table[at + SXX] += v * v;
                    }
                }
            }
            for (int j = 0; j < i; j++) {
                int[] cj = rowCodes[j];
                long[] pair = pairTables[i][j];
                int width = codesOf(j);
                for (int r = 0; r < rows; r++) {
                    pair[ci[r] * width + cj[r]]++;
                }
            }
        });
    }

    /**
     * Each ordered column's labels × the fixed dimensions that vary (in order), the sums of their standardised
     * scores over each label's rows, as {@link LabelOrder#labelSums} gives from rows.
     */
    double[][][] fixedSums(ScoreSums fixedDims) {
        List<Integer> varying = IntStream.range(0, fixed).filter(f -> fixedDims.sd(f) > 0).boxed().toList();
        double[][][] out = new double[counts.size()][][];
        for (int i = 0; i < out.length; i++) {
            int k = counts.get(i).size();
            out[i] = new double[k][varying.size()];
            for (int label = 0; label < k; label++) {
                for (int v = 0; v < varying.size(); v++) {
                    int f = varying.get(v);
                    int at = (label * fixed + f) * FIELDS;
                    double[] t = fixedTables[i];
                    out[i][label][v] = (t[at + SX] - t[at + N] * fixedDims.mean(f)) / fixedDims.sd(f);
                }
            }
        }
        return out;
    }

    /** Column i's layout with its labels in {@code order}. */
    ColumnModels.Layout layout(int i, int[] order) {
        return ColumnModels.layout(specs.get(i), counts.get(i), order);
    }

    /** Column i's score by label index, the nulls' last. */
    private double[] scoresByCode(int i, int[] order) {
        ColumnModels.Layout layout = layout(i, order);
        double[] s = new double[codesOf(i)];
        System.arraycopy(layout.scores(), 0, s, 0, s.length - 1);
        s[s.length - 1] = layout.nullScore();
        return s;
    }

    /** How many rows hold each label index, the nulls last. */
    private long[] rowsByCode(int i) {
        CategoryCounts c = counts.get(i);
        long[] n = new long[codesOf(i)];
        for (int k = 0; k < c.size(); k++) {
            n[k] = c.count(k);
        }
        n[c.size()] = c.nulls();
        return n;
    }

    @Override
    public Partner partner(int o, int[] order) {
        double[] s = scoresByCode(o, order);
        long[] n = rowsByCode(o);
        double rows = counts.get(o).rows();
        double sum = 0;
        for (int k = 0; k < s.length; k++) {
            sum += n[k] * s[k];
        }
        double mean = sum / rows;
        double squares = 0;
        for (int k = 0; k < s.length; k++) {
            squares += n[k] * (s[k] - mean) * (s[k] - mean);
        }
        double sd = Math.sqrt(squares / rows);
        if (!(sd > 0)) {
            return null;
        }
        double[] standard = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            standard[k] = (s[k] - mean) / sd;
        }
        return new Partner(o, standard);
    }

    @Override
    public double[] sums(int c, Partner partner) {
        int k = counts.get(c).size();
        int o = partner.o();
        double[] out = new double[k];
        for (int label = 0; label < k; label++) {
            double s = 0;
            for (int l = 0; l < partner.byCode().length; l++) {
                s += pairRows(c, label, o, l) * partner.byCode()[l];
            }
            out[label] = s;
        }
        return out;
    }

    /** How many rows hold code a of column i and code b of column j (i ≠ j). */
    private long pairRows(int i, int a, int j, int b) {
        return i > j ? pairTables[i][j][a * codesOf(j) + b] : pairTables[j][i][b * codesOf(i) + a];
    }

    /**
     * Every dimension's sums for the latent correlation: the fixed dimensions' own ({@code fixedDims}, dimension f
     * at {@code fixedAt[f]}) and, with the ordered columns' labels in {@code orders} (null for frequency order),
     * every pair involving an ordered column i (at {@code orderedAt[i]}) summed from the tables.
     */
    ScoreSums all(int dimensions, ScoreSums fixedDims, int[] fixedAt, int[][] orders, int[] orderedAt) {
        ScoreSums all = new ScoreSums(dimensions);
        fixedDims.copyInto(all, fixedAt);
        int m = counts.size();
        double[][] s = new double[m][];
        for (int i = 0; i < m; i++) {
            s[i] = scoresByCode(i, orders[i] != null ? orders[i] : counts.get(i).frequencyOrder());
        }
        for (int i = 0; i < m; i++) {
            long[] n = rowsByCode(i);
            double sum = 0;
            double squares = 0;
            for (int k = 0; k < n.length; k++) {
                sum += n[k] * s[i][k];
                squares += n[k] * s[i][k] * s[i][k];
            }
            all.set(orderedAt[i], orderedAt[i], counts.get(i).rows(), sum, sum, squares, squares, squares);
            for (int f = 0; f < fixed; f++) {
                double rows = 0;
                double si = 0;
                double sii = 0;
                double sf = 0;
                double sff = 0;
                double sif = 0;
                for (int k = 0; k < n.length; k++) {
                    int at = (k * fixed + f) * FIELDS;
                    double[] t = fixedTables[i];
                    rows += t[at + N];
                    si += t[at + N] * s[i][k];
                    sii += t[at + N] * s[i][k] * s[i][k];
                    sf += t[at + SX];
                    sff += t[at + SXX];
                    sif += t[at + SX] * s[i][k];
                }
                all.set(orderedAt[i], fixedAt[f], rows, si, sf, sii, sff, sif);
            }
            for (int j = 0; j < i; j++) {
                double si = 0;
                double sj = 0;
                double sii = 0;
                double sjj = 0;
                double sij = 0;
                for (int a = 0; a < codesOf(i); a++) {
                    for (int b = 0; b < codesOf(j); b++) {
                        double rows = pairRows(i, a, j, b);
                        si += rows * s[i][a];
                        sj += rows * s[j][b];
                        sii += rows * s[i][a] * s[i][a];
                        sjj += rows * s[j][b] * s[j][b];
                        sij += rows * s[i][a] * s[j][b];
                    }
                }
                all.set(orderedAt[i], orderedAt[j], counts.get(i).rows(), si, sj, sii, sjj, sij);
            }
        }
        return all;
    }
}
