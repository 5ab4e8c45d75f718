package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.RankCorrelation;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** A value holding a large share of a number column survives rules infer and generation with its share. */
class SpikesTest {
    private static final int REAL_ROWS = 4000;
    private static final int SYNTHETIC_ROWS = 20_000;
    /** How far, in share points, a synthetic spike share may be from the real one. */
    private static final double SHARE_TOLERANCE = 0.02;

    @TempDir
    Path dir;

    @Test
    void zeroInflatedAndSpikedColumnsKeepTheirSpikes() throws Exception {
        Rng rng = new Rng(11);
        long[] gain = new long[REAL_ROWS];
        long[] hours = new long[REAL_ROWS];
        for (int i = 0; i < REAL_ROWS; i++) {
            gain[i] = rng.nextDouble() < 0.917 ? 0 : Math.round(Math.exp(8 + rng.nextGaussian()));
            hours[i] = rng.nextDouble() < 0.45 ? 40 : Math.max(1, Math.min(99, Math.round(40 + 12 * rng.nextGaussian())));
        }
        Frame real = Frame.of(Table.create("real", LongColumn.create("capital-gain", gain),
                LongColumn.create("hours-per-week", hours)), Schema.of(ColumnSpec.of("capital-gain", ColumnKind.INTEGER),
                ColumnSpec.of("hours-per-week", ColumnKind.INTEGER)));
        JsonNode spec = new Inference().infer(real);
        JsonNode g = spec.path("columns").get(0);
        double realZeros = share(gain, 0);
        assertEquals(realZeros, g.path("spikes").path("0").asDouble(), 1e-4, g.toString());
        assertEquals(0, g.path("min").asLong(), g.toString());
        JsonNode h = spec.path("columns").get(1);
        double spike40 = h.path("spikes").path("40").asDouble();
        assertTrue(spike40 > 0.4 && spike40 < share(hours, 40), "less what the rest rounds onto 40: " + h);

        Frame made = RulesGeneratorTest.fit(dir, new ObjectMapper().writeValueAsString(spec))
                .sample(SYNTHETIC_ROWS, 3).collect();
        long[] madeGain = made.longs("capital-gain").asLongArray();
        long[] madeHours = made.longs("hours-per-week").asLongArray();
        assertEquals(realZeros, share(madeGain, 0), SHARE_TOLERANCE, "the zeros keep their share");
        assertEquals(share(hours, 40), share(madeHours, 40), SHARE_TOLERANCE, "the 40s keep their share");
        double realMedian = nonZeroMedian(gain);
        double madeMedian = nonZeroMedian(madeGain);
        assertTrue(madeMedian > realMedian / 1.5 && madeMedian < realMedian * 1.5,
                "the rest keeps its scale: real " + realMedian + ", synthetic " + madeMedian);
        assertTrue(Arrays.stream(madeGain).allMatch(x -> x >= 0), "within the real range");
    }

    @Test
    void aSpikedColumnKeepsItsPlaceInACorrelatedBlock() throws Exception {
        Frame made = RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "a", "type": "normal", "mean": 0, "sd": 1, "spikes": {"0": 0.5}},
                  {"name": "b", "type": "normal", "mean": 0, "sd": 1}
                ],
                "correlations": [{"columns": ["a", "b"], "rho": 0.9}]}""").sample(SYNTHETIC_ROWS, 5).collect();
        double[] a = made.doubles("a").asDoubleArray();
        double[] b = made.doubles("b").asDoubleArray();
        assertEquals(0.5, Arrays.stream(a).filter(x -> x == 0).count() / (double) a.length, SHARE_TOLERANCE);
        assertTrue(RankCorrelation.spearman(a, b) > 0.75, "rank correlation " + RankCorrelation.spearman(a, b));
    }

    @Test
    void spikesThatCannotBeAreRefused() {
        String over = error("""
                {"columns": [{"name": "a", "type": "normal", "mean": 0, "sd": 1, "spikes": {"0": 0.7, "1": 0.4}}]}""");
        assertTrue(over.contains("columns[0].spikes: the shares add up to 1.1"), over);
        String outside = error("""
                {"columns": [{"name": "a", "type": "normal", "mean": 5, "sd": 1, "min": 1, "spikes": {"0": 0.5}}]}""");
        assertTrue(outside.contains("'0' is outside the column's range"), outside);
        String fraction = error("""
                {"columns": [{"name": "a", "type": "normal", "mean": 5, "sd": 1, "kind": "integer",
                  "spikes": {"0.5": 0.5}}]}""");
        assertTrue(fraction.contains("'0.5' is not a whole number"), fraction);
        assertFalse(error("""
                {"columns": [{"name": "a", "type": "normal", "mean": 5, "sd": 1, "spikes": {"x": 0.5}}]}""")
                .contains("Exception"));
    }

    private String error(String spec) {
        return assertThrows(BadInputException.class, () -> RulesGeneratorTest.fit(dir, spec)).getMessage();
    }

    private static double share(long[] v, long value) {
        return Arrays.stream(v).filter(x -> x == value).count() / (double) v.length;
    }

    private static double nonZeroMedian(long[] v) {
        long[] rest = Arrays.stream(v).filter(x -> x != 0).sorted().toArray();
        return rest[rest.length / 2];
    }

    @Test
    void aVariantWithSpikesNullDropsTheColumnsSpikes() throws Exception {
        // a group where no row holds the column's spike (rules infer writes this for such a group)
        Frame made = RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "group", "type": "categorical", "values": ["a", "b"]},
                  {"name": "gain", "type": "normal", "mean": 100, "sd": 10, "min": 0, "max": 200, "kind": "integer",
                   "spikes": {"0": 0.5},
                   "when": [{"if": "group == 'b'", "spikes": null}]}
                ]}""").sample(SYNTHETIC_ROWS, 5).collect();
        String[] group = made.strings("group").asObjectArray();
        long[] gain = made.longs("gain").asLongArray();
        long zerosA = 0;
        long rowsA = 0;
        long zerosB = 0;
        for (int i = 0; i < gain.length; i++) {
            if (group[i].equals("a")) {
                rowsA++;
                zerosA += gain[i] == 0 ? 1 : 0;
            } else {
                zerosB += gain[i] == 0 ? 1 : 0;
            }
        }
        assertEquals(0.5, zerosA / (double) rowsA, SHARE_TOLERANCE, "group a keeps the spike");
        assertEquals(0, zerosB, "group b has none");
    }
}
