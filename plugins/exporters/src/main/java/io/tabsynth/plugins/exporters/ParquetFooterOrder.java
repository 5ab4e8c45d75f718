package io.tabsynth.plugins.exporters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts the end of a Parquet file in a fixed order. parquet-mr gathers each column chunk's encodings in a
 * hash set of enum values, whose order follows identity hash codes and so changes from one JVM to the next;
 * the footer then lists them in that order. Here each of those lists is sorted by the encoding's Thrift value,
 * which changes neither the footer's length nor anything a reader takes from it.
 */
final class ParquetFooterOrder {
    /** A file ends with the footer, its length as a 4-byte little-endian integer, and the magic "PAR1". */
    static final int TRAILER_BYTES = 8;
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private ParquetFooterOrder() {
    }

    /**
     * Sorts, in place, the encodings of every column chunk in the footer that ends the first {@code length}
     * bytes of {@code tail}, which must hold the whole footer and trailer.
     */
    static void sort(byte[] tail, int length, String file) throws IOException {
        if (length < TRAILER_BYTES
                || !Arrays.equals(tail, length - MAGIC.length, length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(file + ": the Parquet writer did not end the file with its footer");
        }
        int footerLength = littleEndianInt(tail, length - TRAILER_BYTES);
        int start = length - TRAILER_BYTES - footerLength;
        if (footerLength <= 0 || start < 0) {
            throw new IOException(file + ": the Parquet footer (" + footerLength
                    + " bytes) is not within the bytes held back for it (" + length + ")");
        }
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(tail, start, footerLength));
        byte[] again = encoded(footer);
        if (!Arrays.equals(again, 0, again.length, tail, start, start + footerLength)) {
            throw new IOException(file + ": the Parquet footer holds fields that this version of"
                    + " parquet-format-structures cannot write back exactly, so its encodings cannot be put in order");
        }
        if (!sortEncodings(footer)) {
            return;
        }
        byte[] sorted = encoded(footer);
        if (sorted.length != footerLength) {
            throw new IOException(file + ": sorting the Parquet footer's encodings changed its length from "
                    + footerLength + " to " + sorted.length + " bytes");
        }
        System.arraycopy(sorted, 0, tail, start, footerLength);
    }

    /** Sorts each column chunk's encodings; true if any list was out of order. */
    private static boolean sortEncodings(FileMetaData footer) {
        boolean changed = false;
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                if (chunk.getMeta_data() == null || chunk.getMeta_data().getEncodings() == null) {
                    continue;
                }
                List<Encoding> encodings = chunk.getMeta_data().getEncodings();
                List<Encoding> sorted = new ArrayList<>(encodings);
                sorted.sort(Comparator.comparingInt(Encoding::getValue));
                if (!sorted.equals(encodings)) {
                    chunk.getMeta_data().setEncodings(sorted);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static byte[] encoded(FileMetaData footer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, out);
        return out.toByteArray();
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
