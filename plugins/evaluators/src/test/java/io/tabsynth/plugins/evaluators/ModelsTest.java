package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** Models learn from at most MAX_TRAINING_ROWS a side, the same fixed rows every time, and as many on each side. */
class ModelsTest {
    private static Frame rows(int n, long offset) {
        Schema schema = Schema.of(ColumnSpec.of("id", ColumnKind.INTEGER));
        return Frame.of(Table.create(LongColumn.create("id", LongStream.range(offset, offset + n).toArray())), schema);
    }

    @Test
    void largeDataIsSampledToTheCapAndSmallDataIsUsedWhole() {
        Frame big = rows(Models.MAX_TRAINING_ROWS + 20_000, 0);
        EvaluationInput input = new EvaluationInput(big, null, rows(300_000, 1_000_000), big.schema(), Map.of());
        Frame real = Models.realTrainingRows(input);
        assertEquals(Models.MAX_TRAINING_ROWS, real.rowCount());
        assertEquals(Models.MAX_TRAINING_ROWS, Models.syntheticTrainingRows(input).rowCount());
        long[] ids = real.table().longColumn("id").asLongArray();
        assertEquals(ids.length, Arrays.stream(ids).distinct().count(), "without replacement");
        assertEquals(Arrays.toString(ids), Arrays.toString(Models.realTrainingRows(input).table().longColumn("id").asLongArray()),
                "the same rows every time");

        Frame small = rows(5_000, 0);
        EvaluationInput few = new EvaluationInput(small, null, rows(300_000, 1_000_000), small.schema(), Map.of());
        assertSame(small, Models.realTrainingRows(few));
        assertEquals(5_000, Models.syntheticTrainingRows(few).rowCount());
    }

    @Test
    void anAdultSizedTableTrainsOnAFixedSampleOfTenThousandRowsASide() {
        // adult's 26,048 training rows against as many synthetic ones: each side's models learn from 10,000
        Frame adultSized = rows(26_048, 0);
        EvaluationInput input = new EvaluationInput(adultSized, null, rows(26_048, 1_000_000), adultSized.schema(), Map.of());
        assertEquals(10_000, Models.realTrainingRows(input).rowCount());
        assertEquals(10_000, Models.syntheticTrainingRows(input).rowCount());
    }
}
