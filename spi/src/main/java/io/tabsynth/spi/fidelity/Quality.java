package io.tabsynth.spi.fidelity;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.stats.TwoSample;
import java.util.ArrayList;
import java.util.List;

/**
 * SDMetrics' quality score of synthetic data against real data: the mean of column shapes (per column,
 * 1 − the KS statistic for numbers and datetimes, 1 − the total variation distance of category shares
 * otherwise) and column pair trends (the mean {@link PairTrend} over pairs whose real data shows a
 * relationship). The fidelity evaluator reports it with its details; generators use it to pick a model on
 * held-out rows.
 *
 * @param columnShapes          mean column shape
 * @param pairTrends            mean trend over related pairs, null when no pair is related
 * @param allPairs              mean trend over every scorable pair, null when there is none
 * @param pairsWithRelationship how many pairs count towards {@code pairTrends}
 * @param pairsScored           how many pairs had a score
 */
public record Quality(double columnShapes, Double pairTrends, Double allPairs, int pairsWithRelationship,
                      int pairsScored) {

    /** The quality score: the mean of column shapes and pair trends (column shapes alone when no pair is related). */
    public double score() {
        return pairTrends == null ? columnShapes : (columnShapes + pairTrends) / 2;
    }

    /** The quality of {@code synthetic} against {@code real} over the schema's {@link #scored} columns. */
    public static Quality of(Frame real, Frame synthetic) {
        List<ColumnSpec> columns = scored(real.schema());
        CodeBook book = new CodeBook(real, synthetic);
        List<Double> shapes = new ArrayList<>();
        for (ColumnSpec c : columns) {
            shapes.add(columnShape(book, c));
        }
        List<PairTrend> pairs = new ArrayList<>();
        for (int a = 0; a < columns.size(); a++) {
            for (int b = a + 1; b < columns.size(); b++) {
                pairs.add(PairTrend.of(book, columns.get(a), columns.get(b)));
            }
        }
        return of(shapes, pairs);
    }

    /** Combines per-column shapes and pair trends computed elsewhere. */
    public static Quality of(List<Double> shapes, List<PairTrend> pairs) {
        double shapeSum = 0;
        for (double s : shapes) {
            shapeSum += s;
        }
        double allSum = 0;
        int all = 0;
        double metSum = 0;
        int met = 0;
        for (PairTrend p : pairs) {
            if (p.score() != null) {
                allSum += p.score();
                all++;
                if (p.meetsThreshold()) {
                    metSum += p.score();
                    met++;
                }
            }
        }
        return new Quality(shapes.isEmpty() ? 1 : shapeSum / shapes.size(), met == 0 ? null : metSum / met,
                all == 0 ? null : allSum / all, met, all);
    }

    /** One column's shape score, synthetic against real. */
    public static double columnShape(Frame real, Frame synthetic, ColumnSpec c) {
        return columnShape(new CodeBook(real, synthetic), c);
    }

    /** One column's shape score, with its numbers or codes from the book. */
    public static double columnShape(CodeBook book, ColumnSpec c) {
        if (c.kind().isNumeric()) {
            return 1 - TwoSample.ks(book.realNumbers(c.name()), book.syntheticNumbers(c.name()));
        }
        return categoryShape(book.codes(c));
    }

    /** A category column's shape score from its codes: 1 − the total variation distance of the shares. */
    public static double categoryShape(Codes codes) {
        return 1 - Codes.totalVariation(codes.real(), codes.synthetic(), codes.levels());
    }

    /** The columns a quality score covers: all but identifiers and free text. */
    public static List<ColumnSpec> scored(Schema schema) {
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            if (c.kind() != ColumnKind.IDENTIFIER && c.kind() != ColumnKind.FREE_TEXT) {
                out.add(c);
            }
        }
        return out;
    }
}
