package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.ArrowFrames;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.Frame;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/** Numeric views of columns: continuous and integer as they are, datetimes as seconds; NaN for missing. */
final class Numbers {
    private Numbers() {
    }

    static double[] values(Frame f, String column) {
        Column<?> c = f.column(column);
        double[] v = new double[c.size()];
        ColumnKind kind = f.schema().column(column).kind();
        for (int i = 0; i < v.length; i++) {
            if (c.isMissing(i)) {
                v[i] = Double.NaN;
            } else if (kind == ColumnKind.CONTINUOUS) {
                v[i] = ((DoubleColumn) c).getDouble(i);
            } else if (kind == ColumnKind.INTEGER) {
                v[i] = ((LongColumn) c).getLong(i);
            } else {
                v[i] = ArrowFrames.toMicros(((DateTimeColumn) c).get(i)) / 1e6;
            }
        }
        return v;
    }
}
