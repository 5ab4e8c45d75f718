package io.tabsynth.spi.privacy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/**
 * The domain of a continuous, integer or datetime column between a low and a high bound: a cell for values at or
 * below the low bound (written as the bound), cells between the bounds, a cell for values at or above the high
 * bound (written as that bound), and the missing cell. Between the bounds, a whole-number column whose range
 * fits in {@code bins} cells gets one cell per value; otherwise {@code bins} equal-width bins, a value drawn
 * uniformly within its bin (rounded for whole-number columns). Datetimes are numbers of the column's unit: days
 * for a format without a time of day, seconds otherwise.
 */
public final class NumericDomain implements ColumnDomain {
    public static final String MODEL = "bins";
    private static final double SECONDS_PER_DAY = 86_400;
    /** The cells for values at or below the low bound and at or above the high one. */
    private static final int BOUND_CELLS = 2;
    /** The datetimes a column can hold (Tablesaw packs years -9999 … 9999): bounds released far out are clamped. */
    private static final long EARLIEST_SECOND = LocalDateTime.of(-9999, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LATEST_SECOND = LocalDateTime.of(9999, 12, 31, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private final ColumnSpec spec;
    private final double low;
    private final double high;
    private final int bins;
    private final int between;
    private final boolean unitCells;
    private final String source;

    public NumericDomain(ColumnSpec spec, double low, double high, int bins, String source) {
        this.spec = spec;
        boolean whole = wholeNumbers(spec);
        double lo = whole ? Math.floor(low) : low;
        double hi = whole ? Math.ceil(high) : high;
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        this.low = lo;
        this.high = hi;
        this.bins = bins;
        long values = whole ? (long) (hi - lo) - 1 : Long.MAX_VALUE;
        this.unitCells = values <= bins;
        this.between = unitCells ? (int) values : bins;
        this.source = source;
    }

    /** Whether the column holds whole numbers of its unit. */
    public static boolean wholeNumbers(ColumnSpec spec) {
        return spec.kind() == ColumnKind.INTEGER || spec.kind() == ColumnKind.DATETIME;
    }

    /** Seconds per unit of a datetime column: a day when its format shows no time of day, else a second. */
    public static double secondsPerUnit(ColumnSpec spec) {
        String format = spec.format() == null ? "" : spec.format().replaceAll("'[^']*'", "");
        return format.matches(".*[HhKkmsSAn].*") ? 1 : SECONDS_PER_DAY;
    }

    /** The values of a column as numbers of its unit, NaN where missing. */
    public static double[] numbers(Frame data, int column) {
        ColumnSpec spec = data.schema().column(column);
        double unit = spec.kind() == ColumnKind.DATETIME ? secondsPerUnit(spec) : 1;
        double[] values = new double[data.rowCount()];
        for (int r = 0; r < values.length; r++) {
            values[r] = data.number(column, r) / unit;
        }
        return values;
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public int size() {
        return between + BOUND_CELLS + 1;
    }

    @Override
    public int[] cells(Frame data, int column) {
        double[] values = numbers(data, column);
        int[] cells = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            cells[r] = cell(values[r]);
        }
        return cells;
    }

    /** The low bound, in the column's unit. */
    public double low() {
        return low;
    }

    /** The high bound, in the column's unit. */
    public double high() {
        return high;
    }

    /** How many cells lie between the bound cells: cell 1 … cell {@code between()}. */
    public int between() {
        return between;
    }

    /**
     * Whether each cell between the bounds holds one whole value (cell k holds low + k) rather than an equal-width
     * bin (cell k holds low + (k − 1)·w … low + k·w, w = (high − low)/between()).
     */
    public boolean unitCells() {
        return unitCells;
    }

    @Override
    public String source() {
        return source;
    }

    /** Whether the cell is one of the equal-width bins between the bounds (not a single value, bound or missing). */
    public boolean isBin(int cell) {
        return !unitCells && cell >= 1 && cell <= between;
    }

    /** The cell of a value in the column's unit (NaN for missing). */
    public int cell(double v) {
        if (Double.isNaN(v)) {
            return missingCell();
        }
        if (v <= low) {
            return 0;
        }
        if (v >= high) {
            return between + 1;
        }
        if (between == 0) {
            return v - low < high - v ? 0 : between + 1;
        }
        int inside = unitCells ? (int) Math.round(v - low) - 1 : (int) ((v - low) / (high - low) * between);
        return 1 + Math.max(0, Math.min(between - 1, inside));
    }

    /** A value of the cell, in the column's unit. */
    private double value(int cell, Rng rng) {
        if (cell == 0) {
            return low;
        }
        if (cell == between + 1) {
            return high;
        }
        if (unitCells) {
            return low + cell;
        }
        double width = (high - low) / between;
        double v = low + (cell - 1 + rng.nextDouble()) * width;
        return wholeNumbers(spec) ? Math.max(low, Math.min(high, Math.round(v))) : v;
    }

    @Override
    public Column<?> values(int[] cells, double[] oneWay, Rng rng) {
        switch (spec.kind()) {
            case CONTINUOUS: {
                DoubleColumn out = DoubleColumn.create(spec.name());
                for (int cell : cells) {
                    if (cell == missingCell()) {
                        out.appendMissing();
                    } else {
                        out.append(value(cell, rng));
                    }
                }
                return out;
            }
            case INTEGER: {
                LongColumn out = LongColumn.create(spec.name());
                for (int cell : cells) {
                    if (cell == missingCell()) {
                        out.appendMissing();
                    } else {
                        out.append((long) value(cell, rng));
                    }
                }
                return out;
            }
            default: {
                double unit = secondsPerUnit(spec);
                DateTimeColumn out = DateTimeColumn.create(spec.name());
                for (int cell : cells) {
                    if (cell == missingCell()) {
                        out.appendMissing();
                    } else {
                        long seconds = Math.max(EARLIEST_SECOND, Math.min(LATEST_SECOND, Math.round(value(cell, rng) * unit)));
                        out.append(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
                    }
                }
                return out;
            }
        }
    }

    @Override
    public String describe() {
        String unit = spec.kind() == ColumnKind.DATETIME ? (secondsPerUnit(spec) == 1 ? " seconds" : " days") : "";
        return (unitCells ? between + " single values" : between + " bins") + " between " + low + " and " + high + unit
                + " (bounds " + source + "), a cell at each bound, and missing";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", MODEL);
        o.put("low", low);
        o.put("high", high);
        o.put("bins", bins);
        o.put("source", source);
        return o;
    }

    public static NumericDomain fromJson(ColumnSpec spec, JsonNode o) {
        return new NumericDomain(spec, o.path("low").asDouble(), o.path("high").asDouble(),
                o.path("bins").asInt(), o.path("source").asText());
    }
}
