package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-space decision, with injected free-space figures. */
class FreeSpaceTest {
    private static final long GB = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aWriteThatWouldNotFitIsRefusedWithTheFigures() {
        Path out = dir.resolve("out.csv");
        FreeSpace space = new FreeSpace(out, 1_000_000_000_000L, d -> 10 * GB);
        BadInputException e = assertThrows(BadInputException.class, () -> space.refuseIfShort(2_000_000, 40_000, 10 * GB));
        assertEquals(out + ": not enough free space: 1,000,000,000,000 rows at about 50 bytes a row (measured on the "
                + "first 40,000) need about 50.0 TB, and " + dir + " had 10.0 GB free; write fewer rows or to another "
                + "folder", e.getMessage());
    }

    @Test
    void aWriteThatFitsGoesOn() {
        FreeSpace space = new FreeSpace(dir.resolve("out.csv"), 1_000_000, d -> 0);
        space.refuseIfShort(2_000_000, 40_000, 48 * 1_000_000L); // 50 MB in all: 48 MB still to write
        assertThrows(BadInputException.class, () -> space.refuseIfShort(2_000_000, 40_000, 48 * 1_000_000L - 1));
    }

    @Test
    void theFileIsMeasuredOnceItHoldsAMegabyte() throws Exception {
        Path tmp = dir.resolve(".tmp-out.csv");
        Files.write(tmp, new byte[(int) FreeSpace.MEASURE_AFTER_BYTES - 1]);
        FreeSpace space = new FreeSpace(dir.resolve("out.csv"), 1_000_000_000L, d -> GB);
        space.afterBatch(tmp, 10_000); // too little to measure yet
        Files.write(tmp, new byte[(int) FreeSpace.MEASURE_AFTER_BYTES]);
        assertThrows(BadInputException.class, () -> space.afterBatch(tmp, 10_000));

        FreeSpace unknownRows = new FreeSpace(dir.resolve("out.csv"), -1, d -> 0);
        unknownRows.afterBatch(tmp, 10_000); // rows not known: nothing to estimate
        FreeSpace plenty = new FreeSpace(dir.resolve("out.csv"), 1_000_000_000L, d -> 1000 * 1000 * GB);
        plenty.afterBatch(tmp, 10_000);
    }
}
