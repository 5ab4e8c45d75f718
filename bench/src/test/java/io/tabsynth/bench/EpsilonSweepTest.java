package io.tabsynth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the epsilon sweep reads evaluator results and writes its table, JSON and plot. */
class EpsilonSweepTest {
    private static final List<EpsilonSweep.Point> POINTS = List.of(
            new EpsilonSweep.Point("dp-marginals", "paid", 0.1, 0.589, 0.202, 0.25, 7.3, 3.9, 0.988, 0.497, 0, 0, 0),
            new EpsilonSweep.Point("dp-marginals", "paid", 1, 0.906, 0.649, 0.648, 2.7, 4.4, 0.995, 0.499, 0.024,
                    0.003, 2));

    @TempDir
    Path dir;

    @Test
    void numbersAreFoundAlongAPathOfNestedDetailsAndNaNWhereAbsent() {
        Map<String, Object> details = Map.of("singlingOut", Map.of("risk", 0.024), "exactMatches", 2);
        assertEquals(0.024, EpsilonSweep.number(details, "singlingOut", "risk"));
        assertEquals(2, EpsilonSweep.number(details, "exactMatches"));
        assertTrue(Double.isNaN(EpsilonSweep.number(details, "linkability", "risk")));
        assertTrue(Double.isNaN(EpsilonSweep.number(details, "singlingOut", "risk", "deeper")));
    }

    @Test
    void theTableHasARowPerEpsilonAndThePlotABarPerMeasureAndEpsilon() throws Exception {
        String table = EpsilonSweep.markdown(POINTS);
        assertEquals(4, table.lines().count());
        assertTrue(table.contains("| dp-marginals | paid | 0.1 | 0.589 | 0.202; 0.250 | 7.3 / 3.9 | 0.988 | 0.497 | "
                + "0.000 | 0.000 | 0 |"), table);
        assertTrue(table.contains("| dp-marginals | paid | 1 | 0.906 | 0.649; 0.648 |"), table);
        EpsilonSweep.write(POINTS, dir.resolve("sweep"), "quality and F1 against epsilon");
        String svg = Files.readString(dir.resolve("sweep.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("<title>quality and F1 against epsilon</title>"), svg);
        assertEquals(4, svg.split("<rect").length - 1 - legendBoxes(svg), "two bars (quality, F1) per epsilon");
        assertTrue(Files.readString(dir.resolve("sweep.json")).contains("\"membershipAuc\" : 0.499"));
        assertEquals(table, Files.readString(dir.resolve("sweep.md")));
    }

    /** The legend draws one small square per series. */
    private static int legendBoxes(String svg) {
        return svg.contains(">quality</text>") && svg.contains(">TSTR F1</text>") ? 2 : 0;
    }
}
