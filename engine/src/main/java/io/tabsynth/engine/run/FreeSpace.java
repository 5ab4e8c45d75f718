package io.tabsynth.engine.run;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.ByteCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses a write of a known number of rows that would not fit in the free space of its folder. The size is
 * estimated once the temporary file holds {@value #MEASURE_AFTER_BYTES} bytes: rows asked for times the bytes a
 * row has taken so far, which counts the format's own encoding and compression as it is. A smaller output is
 * never refused: it cannot be measured well, and needs little room.
 */
final class FreeSpace {
    /** Bytes the file must hold before its bytes per row are measured (a header or a format's magic skews less). */
    static final long MEASURE_AFTER_BYTES = 1L << 20;

    /** The usable bytes in a folder; a figure can be injected to test the decision. */
    @FunctionalInterface
    interface Probe {
        long usableBytes(Path dir) throws IOException;
    }

    /** The file system's own figure for the folder's store. */
    static final Probe FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    private final Path target;
    private final long rows;
    private final Probe probe;
    private boolean checked;

    /**
     * @param target the file being written
     * @param rows   rows that will be written, or a negative number when unknown (then nothing is checked)
     * @param probe  where the free space figure comes from
     */
    FreeSpace(Path target, long rows, Probe probe) {
        this.target = target;
        this.rows = rows;
        this.probe = probe;
        this.checked = rows < 0;
    }

    /**
     * Called after each batch: once {@code temporary} holds enough bytes to measure, estimates the whole size and
     * refuses (exit code 2, with the figures) when the rest would not fit.
     */
    void afterBatch(Path temporary, long rowsWritten) throws IOException {
        if (checked || rowsWritten <= 0) {
            return;
        }
        long written = Files.size(temporary);
        if (written < MEASURE_AFTER_BYTES) {
            return;
        }
        checked = true;
        refuseIfShort(written, rowsWritten, probe.usableBytes(temporary.toAbsolutePath().getParent()));
    }

    /** The decision: refuses when the bytes still to write, at the rate measured so far, exceed {@code usable}. */
    void refuseIfShort(long written, long rowsWritten, long usable) {
        double perRow = (double) written / rowsWritten;
        double estimate = perRow * rows;
        if (estimate - written > usable) {
            throw new BadInputException(String.format(Locale.ROOT, "%s: not enough free space: %,d rows at about %,.0f "
                            + "bytes a row (measured on the first %,d) need about %s, and %s had %s free; write fewer rows "
                            + "or to another folder",
                    target, rows, Math.ceil(perRow), rowsWritten, ByteCount.of((long) Math.min(estimate, Long.MAX_VALUE)),
                    target.toAbsolutePath().getParent(), ByteCount.of(usable + written)));
        }
    }
}
