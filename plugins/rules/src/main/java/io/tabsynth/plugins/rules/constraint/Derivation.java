package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.Expression;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The transform of an equation constraint {@code column == formula} over other numeric columns: the generator
 * never sees the column, and each sampled row gets it computed from the formula, rounded to the decimals the
 * real column is written with, so {@code Brutto == Netto + MwSt} holds on every row by construction where
 * drawing rows until one happens to add up would almost never succeed.
 */
final class Derivation implements Transform {
    static final String NAME = "derive";
    /** The spec field that records the decimals the derived values are rounded to (absent: not rounded). */
    static final String DECIMALS = "decimals";
    /**
     * The spec field that records the decimals of the formula's continuous columns: they are rounded to them before
     * the formula reads them, as they will be written (a column another transform gave back with more decimals).
     */
    static final String INPUT_DECIMALS = "inputDecimals";

    private final ColumnSpec target;
    private final Expression formula;
    private final int decimals;
    private final java.util.Map<String, Integer> inputDecimals;
    private Schema before;

    /**
     * @param decimals the decimals to round a continuous column's values to, or -1 for none (integer columns are
     *                 rounded to whole numbers)
     */
    Derivation(ColumnSpec target, Expression formula, int decimals, java.util.Map<String, Integer> inputDecimals) {
        this.target = target;
        this.formula = formula;
        this.decimals = decimals;
        this.inputDecimals = new java.util.TreeMap<>(inputDecimals);
    }

    /** The column it computes. */
    String column() {
        return target.name();
    }

    /** Whether a column of this kind can be derived: a number. */
    static boolean derivable(ColumnKind kind) {
        return kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Records the decimals in the constraint's spec, so that a loaded model rounds as the fitted one did. */
    @Override
    public void record(com.fasterxml.jackson.databind.node.ObjectNode decided) {
        if (target.kind() == ColumnKind.CONTINUOUS && decimals >= 0) {
            decided.put(DECIMALS, decimals);
        }
        if (!inputDecimals.isEmpty()) {
            inputDecimals.forEach(decided.putObject(INPUT_DECIMALS)::put);
        }
    }

    @Override
    public Schema apply(Schema schema) {
        before = schema;
        List<ColumnSpec> kept = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            if (!c.name().equals(target.name())) {
                kept.add(c);
            }
        }
        return Schema.of(kept);
    }

    @Override
    public Frame forward(Frame data) {
        Table t = Table.create(data.table().name());
        for (int i = 0; i < data.columnCount(); i++) {
            if (!data.schema().column(i).name().equals(target.name())) {
                t.addColumns(data.column(i));
            }
        }
        return Frame.of(t, apply(data.schema()));
    }

    @Override
    public Frame backward(Frame sampled) {
        sampled = writtenInputs(sampled);
        Column<?> derived = target.kind().newColumn(target.name());
        for (int r = 0; r < sampled.rowCount(); r++) {
            FrameRow row = FrameRow.of(sampled, r);
            double v = formula.readsMissing(row) ? Double.NaN : number(formula.evaluate(row), r);
            if (!Double.isFinite(v)) {
                derived.appendMissing();
            } else if (derived instanceof LongColumn whole) {
                whole.append(Math.round(v));
            } else {
                ((DoubleColumn) derived).append(decimals < 0 ? v : rounded(v));
            }
        }
        Table t = Table.create(sampled.table().name());
        for (ColumnSpec c : before.columns()) {
            t.addColumns(c.name().equals(target.name()) ? derived : sampled.column(c.name()));
        }
        return Frame.of(t, before);
    }

    /** The frame with the formula's continuous columns rounded to their real decimals. */
    private Frame writtenInputs(Frame sampled) {
        if (inputDecimals.isEmpty()) {
            return sampled;
        }
        Table t = Table.create(sampled.table().name());
        for (int i = 0; i < sampled.columnCount(); i++) {
            String name = sampled.schema().column(i).name();
            Integer places = inputDecimals.get(name);
            if (places == null || !(sampled.column(i) instanceof DoubleColumn values)) {
                t.addColumns(sampled.column(i));
                continue;
            }
            DoubleColumn written = DoubleColumn.create(name);
            for (int r = 0; r < values.size(); r++) {
                double v = values.getDouble(r);
                written.append(Double.isFinite(v) ? rounded(v, places) : v);
            }
            t.addColumns(written);
        }
        return Frame.of(t, sampled.schema());
    }

    private double number(Object value, int row) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value == null) {
            return Double.NaN;
        }
        throw new BadInputException("constraint '" + target.name() + " == " + formula.text() + "': the formula gave '"
                + value + "' on sampled row " + (row + 1) + ", not a number for " + target.name());
    }

    /** The value to {@link #decimals} places, as the real column is written (210.12 + 39.92 gives 250.04). */
    private double rounded(double v) {
        return rounded(v, decimals);
    }

    private static double rounded(double v, int places) {
        return new java.math.BigDecimal(v).setScale(places, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
