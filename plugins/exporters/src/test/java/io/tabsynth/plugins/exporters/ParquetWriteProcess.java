package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.testkit.SampleData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.apache.parquet.column.Encoding;

/**
 * Run in a JVM of its own by {@link ParquetDeterminismTest}: writes {@link #frame()} to the Parquet file named
 * by the first argument. Started with HotSpot's {@code -XX:hashCode=3}, which numbers objects in the order they
 * are first hashed, it first gives parquet-mr's encodings their identity hash codes in the order the second
 * argument names ({@value #DECLARED} or {@value #REVERSED}), so a hash set of them iterates in that order, and
 * prints that order as the line {@value #ORDER_LINE}[...].
 */
public final class ParquetWriteProcess {
    static final String DECLARED = "declared";
    static final String REVERSED = "reversed";
    static final String ORDER_LINE = "hash set order: ";
    /** Buckets of a new hash set's table: hash codes numbered from a multiple of it iterate in number order. */
    private static final int BUCKETS = 16;

    private ParquetWriteProcess() {
    }

    /** Every kind, with missing cells; its categorical, integer and boolean columns get dictionary pages. */
    static Frame frame() {
        return SampleData.mixed(5000, 17);
    }

    public static void main(String[] args) throws Exception {
        List<Encoding> order = new ArrayList<>(List.of(Encoding.values()));
        if (REVERSED.equals(args[1])) {
            Collections.reverse(order);
        }
        while (System.identityHashCode(new Object()) % BUCKETS != BUCKETS - 1) {
            // the next object hashed gets a number that is a multiple of BUCKETS
        }
        for (Encoding e : order) {
            System.identityHashCode(e);
        }
        System.out.println(ORDER_LINE + new HashSet<>(List.of(Encoding.PLAIN, Encoding.RLE_DICTIONARY)));
        Frame frame = frame();
        try (FrameWriter w = new ParquetExporter().open(Path.of(args[0]), frame.schema())) {
            w.write(frame.head(2000));
            w.write(frame.where(tech.tablesaw.selection.Selection.withRange(2000, frame.rowCount())));
        }
    }
}
