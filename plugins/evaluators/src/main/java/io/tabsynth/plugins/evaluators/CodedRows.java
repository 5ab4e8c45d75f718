package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct rows of a frame over the scored columns, as predicates read them: integer, continuous and datetime
 * columns as numbers (NaN when missing), the others as codes from one dictionary per column that every frame of an
 * attack shares, so that equal values have equal codes (a missing cell is a code of its own). Rows repeated over
 * those columns are kept once, as Anonymeter counts people, not lines.
 */
final class CodedRows {
    /** The dictionary key of a missing cell. */
    private static final Object MISSING = new Object();

    /** Column-major values: {@code values[column][row]}. */
    final double[][] values;
    /** Whether a column is compared by order ({@code >=}, {@code <=}) rather than by equality. */
    final boolean[] ordered;

    private CodedRows(double[][] values, boolean[] ordered) {
        this.values = values;
        this.ordered = ordered;
    }

    /** A dictionary per column for coding several frames alike. */
    static List<Map<Object, Integer>> dictionaries(List<ColumnSpec> columns) {
        List<Map<Object, Integer>> out = new ArrayList<>();
        columns.forEach(c -> out.add(new HashMap<>()));
        return out;
    }

    static boolean isOrdered(ColumnKind kind) {
        return kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER || kind == ColumnKind.DATETIME;
    }

    static CodedRows of(Frame f, List<ColumnSpec> columns, List<Map<Object, Integer>> dictionaries) {
        int d = columns.size();
        boolean[] ordered = new boolean[d];
        double[][] byColumn = new double[d][f.rowCount()];
        for (int j = 0; j < d; j++) {
            int c = f.schema().indexOf(columns.get(j).name());
            ordered[j] = isOrdered(columns.get(j).kind());
            Map<Object, Integer> dict = dictionaries.get(j);
            for (int r = 0; r < f.rowCount(); r++) {
                if (ordered[j]) {
                    double v = f.number(c, r);
                    byColumn[j][r] = v == 0.0 ? 0.0 : v;   // -0.0 and 0.0 are one value
                } else {
                    Object v = f.cell(c, r);
                    byColumn[j][r] = dict.computeIfAbsent(v == null ? MISSING : v, x -> dict.size());
                }
            }
        }
        return distinct(byColumn, ordered);
    }

    private static CodedRows distinct(double[][] byColumn, boolean[] ordered) {
        int n = byColumn.length == 0 ? 0 : byColumn[0].length;
        Set<Row> seen = new LinkedHashSet<>();
        for (int r = 0; r < n; r++) {
            double[] row = new double[byColumn.length];
            for (int j = 0; j < row.length; j++) {
                row[j] = byColumn[j][r];
            }
            seen.add(new Row(row));
        }
        double[][] out = new double[byColumn.length][seen.size()];
        int r = 0;
        for (Row row : seen) {
            for (int j = 0; j < out.length; j++) {
                out[j][r] = row.values[j];
            }
            r++;
        }
        return new CodedRows(out, ordered);
    }

    int size() {
        return values.length == 0 ? 0 : values[0].length;
    }

    int columns() {
        return values.length;
    }

    /** A row's values as a key that compares by content (NaN equal to NaN). */
    private record Row(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
