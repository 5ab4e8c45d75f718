package io.tabsynth.spi.fidelity;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Codes} and numbers of each column of a real and a synthetic frame, made once per column for every
 * pair the column is in (15 columns are in 14 pairs each: on 1,000,000 rows a side, making codes again for every
 * pair took most of a fidelity evaluation).
 */
public final class CodeBook {
    private final Frame real;
    private final Frame synthetic;
    private final Map<String, Codes> codes = new HashMap<>();
    private final Map<String, double[]> realNumbers = new HashMap<>();
    private final Map<String, double[]> syntheticNumbers = new HashMap<>();

    public CodeBook(Frame real, Frame synthetic) {
        this.real = real;
        this.synthetic = synthetic;
    }

    /** The column's codes: binned for numbers, by value otherwise. */
    public Codes codes(ColumnSpec c) {
        return codes.computeIfAbsent(c.name(), n -> Codes.of(real, synthetic, n, c.kind().isNumeric()));
    }

    /** The real column's numbers (NaN where missing). */
    public double[] realNumbers(String column) {
        return realNumbers.computeIfAbsent(column, real::numbers);
    }

    /** The synthetic column's numbers (NaN where missing). */
    public double[] syntheticNumbers(String column) {
        return syntheticNumbers.computeIfAbsent(column, synthetic::numbers);
    }
}
