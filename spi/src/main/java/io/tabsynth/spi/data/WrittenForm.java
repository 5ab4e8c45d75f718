package io.tabsynth.spi.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How finely the real values of each column are written, learned at fit and applied by the engine to every
 * generator's samples, so that a synthetic column is written the way the real one was: a continuous column's
 * decimals (the most any real value needs, as {@link CellText#decimals} counts them; none learned when some value
 * needs more than {@link CellText#MAX_DECIMALS}), and a datetime column's {@link Granularity} (a monthly series
 * stays on the first of each month). Columns of other kinds, and columns whose real values are all missing, have
 * no form. Immutable.
 */
public final class WrittenForm {
    /** No form: samples are written as the generator makes them (a model whose real columns have no decimals or granularity to keep). */
    public static final WrittenForm NONE = new WrittenForm(Map.of());

    private static final String DECIMALS = "decimals";
    private static final String GRANULARITY = "granularity";
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * One column's form.
     *
     * @param decimals    decimals to round a continuous column to, or -1 for none
     * @param granularity unit to round a datetime column to, or {@code null} for none
     */
    public record Form(int decimals, Granularity granularity) {
    }

    private final Map<String, Form> columns;

    private WrittenForm(Map<String, Form> columns) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The forms by column name, in schema order; columns without a form are absent. */
    public Map<String, Form> columns() {
        return columns;
    }

    /** Learns the form of every continuous and datetime column from its values. */
    public static WrittenForm learn(Frame data) {
        Map<String, Form> forms = new LinkedHashMap<>();
        for (int c = 0; c < data.columnCount(); c++) {
            ColumnSpec spec = data.schema().column(c);
            Form form = null;
            if (spec.kind() == ColumnKind.CONTINUOUS) {
                int d = CellText.mostDecimals(((DoubleColumn) data.column(c)).asDoubleArray());
                form = d < 0 ? null : new Form(d, null);
            } else if (spec.kind() == ColumnKind.DATETIME) {
                Granularity g = Granularity.of((DateTimeColumn) data.column(c));
                form = g == null ? null : new Form(-1, g);
            }
            if (form != null) {
                forms.put(spec.name(), form);
            }
        }
        return new WrittenForm(forms);
    }

    /** The frame with every column that has a form rounded to it; the frame itself when nothing applies. */
    public Frame apply(Frame frame) {
        if (columns.isEmpty()) {
            return frame;
        }
        Table table = Table.create(frame.table().name());
        boolean changed = false;
        for (int c = 0; c < frame.columnCount(); c++) {
            ColumnSpec spec = frame.schema().column(c);
            Form form = columns.get(spec.name());
            Column<?> values = frame.column(c);
            if (form != null && spec.kind() == ColumnKind.CONTINUOUS && form.decimals() >= 0) {
                values = round((DoubleColumn) values, form.decimals());
                changed = true;
            } else if (form != null && spec.kind() == ColumnKind.DATETIME && form.granularity() != null) {
                values = round((DateTimeColumn) values, form.granularity());
                changed = true;
            }
            table.addColumns(values);
        }
        return changed ? Frame.of(table, frame.schema()) : frame;
    }

    private static DoubleColumn round(DoubleColumn column, int decimals) {
        double scale = POW10[Math.min(decimals, POW10.length - 1)];
        double[] v = new double[column.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = round(column.getDouble(r), scale);
        }
        return DoubleColumn.create(column.name(), v);
    }

    /**
     * The value rounded half to even to so many decimals (none below zero); NaN stays NaN, and a value too large
     * to scale (1e308 to two decimals) stays as it is, since a double that large holds no decimals anyway.
     */
    public static double round(double v, int decimals) {
        return decimals < 0 ? v : round(v, decimals < POW10.length ? POW10[decimals] : Math.pow(10, decimals));
    }

    /** The value rounded half to even at the scale; NaN stays NaN, and a value too large to scale stays as it is. */
    static double round(double v, double scale) {
        double scaled = v * scale;
        return Double.isFinite(scaled) ? Math.rint(scaled) / scale : v;
    }

    private static DateTimeColumn round(DateTimeColumn column, Granularity granularity) {
        LocalDateTime[] v = new LocalDateTime[column.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = column.isMissing(r) ? null : granularity.round(column.get(r));
        }
        return DateTimeColumn.create(column.name(), v);
    }

    /** The JSON form: {@code {"price":{"decimals":2},"month":{"granularity":"month"}}}. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        columns.forEach((name, form) -> {
            ObjectNode o = root.putObject(name);
            if (form.decimals() >= 0) {
                o.put(DECIMALS, form.decimals());
            }
            if (form.granularity() != null) {
                o.put(GRANULARITY, form.granularity().jsonName());
            }
        });
        return root;
    }

    /** Reads the form {@link #toJson()} wrote; a missing node is {@link #NONE}. */
    public static WrittenForm fromJson(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        Map<String, Form> forms = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode o = e.getValue();
            int decimals = o.path(DECIMALS).asInt(-1);
            if (decimals > CellText.MAX_DECIMALS) {
                throw new IllegalArgumentException("column '" + e.getKey() + "': " + decimals + " decimals, at most "
                        + CellText.MAX_DECIMALS);
            }
            Granularity g = o.hasNonNull(GRANULARITY) ? Granularity.parse(o.get(GRANULARITY).asText()) : null;
            forms.put(e.getKey(), new Form(decimals, g));
        }
        return new WrittenForm(forms);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrittenForm && ((WrittenForm) o).columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "WrittenForm" + columns;
    }
}
