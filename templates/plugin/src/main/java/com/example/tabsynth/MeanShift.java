package com.example.tabsynth;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;
import tech.tablesaw.api.NumericColumn;

/**
 * An example third-party evaluator ({@code mean-shift}): for each numeric column, how far the synthetic mean
 * is from the real one in real standard deviations; the score is 1 / (1 + mean shift), 1 when they agree.
 */
@Extension
public final class MeanShift implements Evaluator {
    @Override
    public String id() {
        return "mean-shift";
    }

    @Override
    public Result evaluate(EvaluationInput input) {
        Map<String, Result> parts = new LinkedHashMap<>();
        double total = 0;
        for (ColumnSpec c : input.schema().columns()) {
            if (c.kind() != io.tabsynth.spi.data.ColumnKind.CONTINUOUS && c.kind() != io.tabsynth.spi.data.ColumnKind.INTEGER) {
                continue;
            }
            double real = mean(input.real(), c.name());
            double sd = sd(input.real(), c.name(), real);
            double syn = mean(input.synthetic(), c.name());
            double shift = sd > 0 && !Double.isNaN(syn) ? Math.abs(syn - real) / sd : 0;
            parts.put(c.name(), new Result(1 / (1 + shift), Map.of(), Map.of("shift", shift)));
            total += shift;
        }
        double mean = parts.isEmpty() ? 0 : total / parts.size();
        return new Result(1 / (1 + mean), parts, Map.of("meanShift", mean));
    }

    private static double mean(Frame f, String column) {
        NumericColumn<?> c = (NumericColumn<?>) f.column(column);
        return c.size() == c.countMissing() ? Double.NaN : c.mean();
    }

    private static double sd(Frame f, String column, double mean) {
        NumericColumn<?> c = (NumericColumn<?>) f.column(column);
        return c.size() - c.countMissing() < 2 ? 0 : c.standardDeviation();
    }
}
