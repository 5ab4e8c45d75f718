package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** Row samples: seeded, without replacement, uniform, and the whole frame when it is small. */
class FrameSampleTest {
    private static Frame numbered(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return Frame.of(Table.create("t", LongColumn.create("i", ids)), Schema.of(ColumnSpec.of("i", ColumnKind.INTEGER)));
    }

    @Test
    void samplesAreSeededUniformAndWithoutReplacement() {
        Frame f = numbered(10_000);
        Frame a = f.sample(2_000, 7);
        assertEquals(2_000, a.rowCount());
        assertEquals(a.longs("i").asList(), f.sample(2_000, 7).longs("i").asList(), "same seed, same rows");
        assertNotEquals(a.longs("i").asList(), f.sample(2_000, 8).longs("i").asList());
        Set<Long> rows = new HashSet<>(a.longs("i").asList());
        assertEquals(2_000, rows.size(), "no row twice");
        // every tenth of the frame gets about a tenth of the sample (binomial sd ~13)
        int[] tenths = new int[10];
        rows.forEach(r -> tenths[(int) (r / 1_000)]++);
        for (int t : tenths) {
            assertEquals(200, t, 60);
        }
        assertEquals(a.schema(), f.schema());
    }

    @Test
    void aFrameNoLargerThanTheSampleIsUsedWhole() {
        Frame f = numbered(500);
        assertSame(f, f.sample(500, 1));
        assertSame(f, f.sample(10_000, 1));
    }
}
