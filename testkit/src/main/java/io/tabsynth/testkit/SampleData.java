package io.tabsynth.testkit;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.time.LocalDateTime;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Data the conformance kits test with: one column of every kind, each with about 10 % missing values, drawn
 * from known distributions (income depends on age, churn on segment) so that a generator has something to learn.
 */
public final class SampleData {
    private SampleData() {
    }

    /** The schema of {@link #mixed}. */
    public static Schema schema() {
        return Schema.of(ColumnSpec.of("id", ColumnKind.IDENTIFIER), ColumnSpec.of("age", ColumnKind.INTEGER),
                ColumnSpec.of("income", ColumnKind.CONTINUOUS), ColumnSpec.of("segment", ColumnKind.CATEGORICAL),
                ColumnSpec.of("churned", ColumnKind.BOOLEAN), new ColumnSpec("joined", ColumnKind.DATETIME, "yyyy-MM-dd"),
                ColumnSpec.of("note", ColumnKind.FREE_TEXT));
    }

    /** {@code n} rows from the seed. */
    public static Frame mixed(int n, long seed) {
        Rng rng = new Rng(seed);
        StringColumn id = StringColumn.create("id");
        LongColumn age = LongColumn.create("age");
        DoubleColumn income = DoubleColumn.create("income");
        StringColumn segment = StringColumn.create("segment");
        BooleanColumn churned = BooleanColumn.create("churned");
        DateTimeColumn joined = DateTimeColumn.create("joined");
        StringColumn note = StringColumn.create("note");
        String[] segments = {"consumer", "business", "public"};
        String[] words = {"late payment", "asked for discount", "happy", "moved", "no comment"};
        for (int i = 0; i < n; i++) {
            id.append(String.format("K%06d", i));
            long a = 18 + (long) Math.min(70, Math.abs(rng.nextGaussian() * 15 + 25));
            if (missing(rng)) {
                age.appendMissing();
            } else {
                age.append(a);
            }
            if (missing(rng)) {
                income.appendMissing();
            } else {
                income.append(Math.round(Math.exp(9.5 + 0.02 * a + 0.4 * rng.nextGaussian()) * 100) / 100.0);
            }
            int s = rng.nextInt(segments.length);
            segment.append(missing(rng) ? "" : segments[s]);
            if (missing(rng)) {
                churned.appendMissing();
            } else {
                churned.append(rng.nextDouble() < 0.1 + 0.15 * s);
            }
            if (missing(rng)) {
                joined.appendMissing();
            } else {
                joined.append(LocalDateTime.of(2018, 1, 1, 0, 0).plusDays(rng.nextInt(2000)));
            }
            note.append(missing(rng) ? "" : words[rng.nextInt(words.length)]);
        }
        return Frame.of(Table.create("sample", id, age, income, segment, churned, joined, note), schema());
    }

    private static boolean missing(Rng rng) {
        return rng.nextDouble() < 0.1;
    }
}
