package io.tabsynth.spi.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    @Test
    void monotoneIsOneAndTiesShareRanks() {
        assertEquals(1, RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 200, 3000, 40000}), 1e-12);
        assertEquals(-1, RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertArrayEquals(new double[] {0, 1.5, 1.5, 3}, RankCorrelation.ranks(new double[] {1, 5, 5, 9}));
        // Textbook example: ranks (1..5) against (2,1,4,3,5) give 1 - 6·4/(5·24) = 0.8.
        assertEquals(0.8, RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
    }

    @Test
    void missingRowsAreLeftOut() {
        assertEquals(1, RankCorrelation.spearman(new double[] {1, Double.NaN, 3, 4}, new double[] {1, 0, 5, Double.NaN}), 1e-12);
        assertEquals(Double.NaN, RankCorrelation.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }

    @Test
    void meanRanksOfLongColumnsDoNotOverflow() {
        // a tie group near the end of a 2,000,000,000-row column: the ranks' int sum is past 2^31
        assertEquals(1_999_999_998.5, RankCorrelation.meanRank(1_999_999_997, 2_000_000_000), 0);
        assertEquals(Integer.MAX_VALUE - 0.5, RankCorrelation.meanRank(Integer.MAX_VALUE - 1, Integer.MAX_VALUE), 0);
    }
}
