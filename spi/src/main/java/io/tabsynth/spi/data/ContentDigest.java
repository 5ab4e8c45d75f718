package io.tabsynth.spi.data;

import io.tabsynth.spi.io.Sha256;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * The digest of a dataset's content, independent of the file format it was stored in and of how it was
 * split into batches. Each column is encoded in a canonical columnar form using Arrow's physical types,
 * little-endian: integer and continuous columns as float64 with NaN for missing (so a whole-number column
 * reads the same from CSV and Parquet), datetimes as timestamp[us] (int64) with the smallest int64 for
 * missing, booleans as one byte (0 missing, 1 false, 2 true), the three text kinds dictionary-encoded as
 * varint codes (see {@link ColumnHasher#addText}). Each column's byte stream gets its own SHA-256; the content digest
 * is the SHA-256 of, for each column in name order, its UTF-8 name, a zero byte, its type letter
 * ({@code F}, {@code B}, {@code T}, {@code S}) and its column digest. A whole frame's columns are hashed in parallel; batches added one by one are hashed on the calling thread.
 * See docs/lineage.md.
 */
public final class ContentDigest {
    private ContentDigest() {
    }

    /** The content digest of a frame. */
    public static String of(Frame frame) {
        Hasher h = new Hasher(frame.schema());
        h.add(frame, true);
        return h.finish();
    }

    /** Computes a content digest incrementally from batches of any size. */
    public static final class Hasher {
        private final Schema schema;
        private final List<ColumnSpec> sorted;
        private final int[] order;
        private final ColumnHasher[] columns;
        private long rows;

        public Hasher(Schema schema) {
            this.schema = schema;
            this.sorted = new ArrayList<>(schema.columns());
            sorted.sort(Comparator.comparing(ColumnSpec::name));
            this.order = new int[sorted.size()];
            this.columns = new ColumnHasher[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                order[i] = schema.indexOf(sorted.get(i).name());
                columns[i] = new ColumnHasher(sorted.get(i).kind());
            }
        }

        /**
         * Adds the rows of a batch (its schema must be the hasher's) on the calling thread, leaving the other
         * cores to whoever produces the batches.
         */
        public void add(Frame batch) {
            add(batch, false);
        }

        private void add(Frame batch, boolean parallel) {
            if (!batch.schema().equals(schema)) {
                throw new IllegalArgumentException("batch schema " + batch.schema() + " differs from " + schema);
            }
            rows += batch.rowCount();
            IntStream each = IntStream.range(0, columns.length);
            (parallel ? each.parallel() : each).forEach(i -> columns[i].add(batch.column(order[i])));
        }

        public long rows() {
            return rows;
        }

        /** The digest. */
        public String finish() {
            MessageDigest md = Sha256.digester();
            for (int i = 0; i < columns.length; i++) {
                md.update(sorted.get(i).name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update((byte) columns[i].tag);
                md.update(columns[i].digest());
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** One column's canonical byte stream, hashed as it grows. */
    private static final class ColumnHasher {
        private static final int DICTIONARY_LIMIT = 1 << 16;
        /** Not (yet) in a dictionary; codes are never negative. */
        private static final int UNSEEN = -1;
        /** Values converted per block; a block's bytes go to the digest in one update. */
        private static final int BLOCK = 8192;
        private static final int MISSING_CODE = 0;
        private static final int NEW_VALUE = 1;
        private final char tag;
        private final MessageDigest md = Sha256.digester();
        private final byte[] bytes = new byte[BLOCK * Long.BYTES];
        private final ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        private final DoubleBuffer floats = view.asDoubleBuffer();
        /** A batch's numbers as float64, reused from batch to batch. */
        private double[] numbers = new double[0];
        private int used;
        private final Object2IntOpenHashMap<String> dictionary = new Object2IntOpenHashMap<>();
        /** A batch's per-row Tablesaw dictionary keys, reused from batch to batch. */
        private int[] keys = new int[0];
        /**
         * A batch's Tablesaw dictionary keys (byte and short ones) mapped to code + 1, 0 if not yet; made by the
         * first batch, on the thread that hashes, and never filled (filling nine text columns' tables when the
         * hasher was made cost the writer 12 ms in a fresh JVM).
         */
        private int[] shortKeys;

        ColumnHasher(ColumnKind kind) {
            this.tag = kind.isNumeric() && kind != ColumnKind.DATETIME ? 'F'
                    : kind == ColumnKind.BOOLEAN ? 'B' : kind == ColumnKind.DATETIME ? 'T' : 'S';
        }

        void add(Column<?> col) {
            switch (tag) {
                case 'F':
                    addNumbers(col);
                    break;
                case 'B': {
                    BooleanColumn b = (BooleanColumn) col;
                    for (int i = 0; i < b.size(); i++) {
                        room(1);
                        bytes[used++] = (byte) (b.isMissing(i) ? 0 : b.get(i) ? 2 : 1);
                    }
                    break;
                }
                case 'T':
                    addTimes((DateTimeColumn) col);
                    break;
                default:
                    addText((StringColumn) col);
            }
        }

        /**
         * Numbers as float64, missing as NaN, a block at a time, copied into the buffer in bulk. In a fresh JVM
         * this runs long before the JIT's optimising compiler reaches it, where a buffer call per value costs
         * several times a plain array loop.
         */
        private void addNumbers(Column<?> col) {
            int n = col.size();
            if (numbers.length < n) {
                numbers = new double[n];
            }
            double[] values = numbers;
            if (col instanceof LongColumn) {
                LongColumn longs = (LongColumn) col;
                for (int i = 0; i < n; i++) {
                    long x = longs.getLong(i);
                    values[i] = x == Long.MIN_VALUE ? Double.NaN : x;
                }
            } else {
                DoubleColumn doubles = (DoubleColumn) col;
                for (int i = 0; i < n; i++) {
                    double x = doubles.getDouble(i);
                    values[i] = x != x ? Double.NaN : x;
                }
            }
            flush();
            for (int from = 0; from < n; from += BLOCK) {
                int m = Math.min(BLOCK, n - from);
                floats.clear();
                floats.put(values, from, m);
                md.update(bytes, 0, m * Double.BYTES);
            }
        }

        private void addTimes(DateTimeColumn col) {
            int n = col.size();
            flush();
            for (int from = 0; from < n; from += BLOCK) {
                int m = Math.min(BLOCK, n - from);
                for (int i = 0; i < m; i++) {
                    int row = from + i;
                    view.putLong(i * Long.BYTES, col.isMissing(row) ? Long.MIN_VALUE : ArrowFrames.toMicros(col.get(row)));
                }
                md.update(bytes, 0, m * Long.BYTES);
            }
        }

        /**
         * Text cells as varint codes, the dictionary built in order of first appearance: 0 for missing, 1
         * followed by the varint UTF-8 length and the bytes for a new value (which takes the next code while
         * the dictionary holds fewer than {@link #DICTIONARY_LIMIT} values), code + 2 for a value seen before.
         */
        private void addText(StringColumn col) {
            int n = col.size();
            // Tablesaw's one-byte keys (up to 127 values: most categorical columns) are read in place, wider
            // keys from a copy as ints; a column without a dictionary is looked up value by value.
            byte[] byteKeys = DictionaryKeys.bytes(col);
            int[] rowKeys = byteKeys != null ? null : DictionaryKeys.of(col, keys);
            if (byteKeys == null && rowKeys == null) {
                for (int i = 0; i < n; i++) {
                    putText(col.get(i));
                }
                return;
            }
            if (rowKeys != null) {
                keys = rowKeys;
            }
            if (shortKeys == null) {
                shortKeys = new int[1 << 16];
            }
            DictionaryMap dict = col.getDictionary();
            IntArrayList seen = new IntArrayList();
            Int2IntOpenHashMap wideKeys = null;
            if (byteKeys != null) {
                // The codes of values earlier batches brought, looked up once per key rather than at a key's
                // first row, so that the loop below leaves its slow path to values new to the stream.
                Integer[] known = DictionaryKeys.byByteKey(col, this::knownCode, Integer[]::new);
                for (int k = 0; k < known.length; k++) {
                    if (known[k] != null) {
                        int slot = k - 128 - Short.MIN_VALUE;
                        shortKeys[slot] = known[k] + 1;
                        seen.add(slot);
                    }
                }
            }
            byte[] out = bytes;
            int u = used; // the buffer position, kept in a local on the common path; the field elsewhere
            for (int i = 0; i < n; i++) {
                int key = byteKeys != null ? byteKeys[i] : rowKeys[i];
                boolean narrow = key >= Short.MIN_VALUE && key <= Short.MAX_VALUE;
                int code = narrow ? shortKeys[key - Short.MIN_VALUE] - 1 : wideKeys == null ? UNSEEN : wideKeys.get(key);
                if (code >= 0 && code < 0x80) { // a one-byte varint for a value seen before: kept inline
                    if (u == out.length) {
                        md.update(out, 0, u);
                        u = 0;
                    }
                    out[u++] = (byte) code;
                    continue;
                }
                used = u;
                if (code != UNSEEN) {
                    putVarint(code);
                } else {
                    String v = dict.getValueForKey(key);
                    code = putText(v);
                    if (code != UNSEEN) {
                        if (narrow) {
                            shortKeys[key - Short.MIN_VALUE] = code + 1;
                            seen.add(key - Short.MIN_VALUE);
                        } else {
                            if (wideKeys == null) {
                                wideKeys = new Int2IntOpenHashMap();
                                wideKeys.defaultReturnValue(UNSEEN);
                            }
                            wideKeys.put(key, code);
                        }
                    }
                }
                u = used;
            }
            used = u;
            for (int i = 0; i < seen.size(); i++) {
                shortKeys[seen.getInt(i)] = 0;
            }
        }

        /** A value's code: {@link #MISSING_CODE} for missing, {@link #UNSEEN} for one not in the dictionary. */
        private int codeOf(String v) {
            return v.isEmpty() ? MISSING_CODE : dictionary.getOrDefault(v, UNSEEN);
        }

        /** {@link #codeOf} boxed, null for a value not in the dictionary. */
        private Integer knownCode(String v) {
            int code = codeOf(v);
            return code == UNSEEN ? null : code;
        }

        /**
         * One text cell looked up by value; returns the value's code from now on ({@link #UNSEEN} for a new
         * value that found the dictionary full).
         */
        private int putText(String v) {
            int code = codeOf(v);
            if (code != UNSEEN) {
                putVarint(code);
                return code;
            }
            byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
            putVarint(NEW_VALUE);
            putVarint(utf8.length);
            flush();
            md.update(utf8);
            if (dictionary.size() < DICTIONARY_LIMIT) {
                code = dictionary.size() + 2;
                dictionary.put(v, code);
            }
            return code;
        }

        /** An unsigned LEB128 varint: seven bits per byte, low first, the high bit set on all but the last. */
        private void putVarint(int value) {
            room(5);
            int x = value;
            while ((x & ~0x7F) != 0) {
                bytes[used++] = (byte) ((x & 0x7F) | 0x80);
                x >>>= 7;
            }
            bytes[used++] = (byte) x;
        }

        private void room(int n) {
            if (bytes.length - used < n) {
                flush();
            }
        }

        private void flush() {
            md.update(bytes, 0, used);
            used = 0;
        }

        byte[] digest() {
            flush();
            return md.digest();
        }
    }
}
