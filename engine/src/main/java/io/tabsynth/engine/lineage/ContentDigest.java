package io.tabsynth.engine.lineage;

import io.tabsynth.engine.data.ArrowFrames;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
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
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * The digest of a dataset's content, independent of the file format it was stored in and of how it was
 * split into batches. Each column is encoded in a canonical columnar form using Arrow's physical types:
 * integer and continuous columns as float64 (so a whole-number column reads the same from CSV and
 * Parquet), booleans as one byte, datetimes as timestamp[us] (int64), the three text kinds as utf8; every
 * value is preceded by a validity byte (1 present, 0 missing, then no value bytes), numbers little-endian,
 * utf8 as an int32 length and the bytes. Each column's byte stream gets its own SHA-256; the content digest
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
        private static final int UNSEEN = Integer.MIN_VALUE;
        private final ColumnKind kind;
        private final char tag;
        private final MessageDigest md = Sha256.digester();
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private final Object2IntOpenHashMap<String> dictionary = new Object2IntOpenHashMap<>();
        /** A batch's Tablesaw dictionary keys (byte and short ones) mapped to codes, {@link #UNSEEN} if not yet. */
        private final int[] shortKeys;

        ColumnHasher(ColumnKind kind) {
            this.kind = kind;
            this.tag = kind.isNumeric() && kind != ColumnKind.DATETIME ? 'F'
                    : kind == ColumnKind.BOOLEAN ? 'B' : kind == ColumnKind.DATETIME ? 'T' : 'S';
            if (tag == 'S') {
                shortKeys = new int[1 << 16];
                Arrays.fill(shortKeys, UNSEEN);
            } else {
                shortKeys = null;
            }
        }

        void add(Column<?> col) {
            int n = col.size();
            switch (tag) {
                case 'F':
                    if (col instanceof LongColumn) {
                        LongColumn l = (LongColumn) col;
                        for (int i = 0; i < n; i++) {
                            room(9);
                            if (l.isMissing(i)) {
                                buf.put((byte) 0);
                            } else {
                                buf.put((byte) 1).putDouble(l.getLong(i));
                            }
                        }
                    } else {
                        DoubleColumn d = (DoubleColumn) col;
                        for (int i = 0; i < n; i++) {
                            room(9);
                            double v = d.getDouble(i);
                            if (Double.isNaN(v)) {
                                buf.put((byte) 0);
                            } else {
                                buf.put((byte) 1).putDouble(v);
                            }
                        }
                    }
                    break;
                case 'B': {
                    BooleanColumn b = (BooleanColumn) col;
                    for (int i = 0; i < n; i++) {
                        room(2);
                        if (b.isMissing(i)) {
                            buf.put((byte) 0);
                        } else {
                            buf.put((byte) 1).put((byte) (b.get(i) ? 1 : 0));
                        }
                    }
                    break;
                }
                case 'T': {
                    DateTimeColumn t = (DateTimeColumn) col;
                    for (int i = 0; i < n; i++) {
                        room(9);
                        if (t.isMissing(i)) {
                            buf.put((byte) 0);
                        } else {
                            buf.put((byte) 1).putLong(ArrowFrames.toMicros(t.get(i)));
                        }
                    }
                    break;
                }
                default:
                    addText((StringColumn) col);
            }
        }

        /**
         * Text cells as dictionary codes in order of first appearance: {@code -1} for missing, a code for a
         * value seen before, {@code -2} with the UTF-8 length and bytes for a new value (which takes the next
         * code while the dictionary holds fewer than {@link #DICTIONARY_LIMIT} values).
         */
        private void addText(StringColumn col) {
            int n = col.size();
            DictionaryMap dict = col.getDictionary();
            if (dict instanceof NullDictionaryMap) {
                for (int i = 0; i < n; i++) {
                    putText(col.get(i));
                }
                return;
            }
            IntArrayList seen = new IntArrayList();
            Int2IntOpenHashMap wideKeys = null;
            for (int i = 0; i < n; i++) {
                int key = dict.getKeyForIndex(i);
                boolean narrow = key >= Short.MIN_VALUE && key <= Short.MAX_VALUE;
                int code;
                if (narrow) {
                    code = shortKeys[key - Short.MIN_VALUE];
                } else {
                    if (wideKeys == null) {
                        wideKeys = new Int2IntOpenHashMap();
                        wideKeys.defaultReturnValue(UNSEEN);
                    }
                    code = wideKeys.get(key);
                }
                if (code == UNSEEN) {
                    String v = dict.getValueForKey(key);
                    putText(v);
                    code = v.isEmpty() ? -1 : dictionary.getOrDefault(v, UNSEEN);
                    if (code != UNSEEN) {
                        if (narrow) {
                            shortKeys[key - Short.MIN_VALUE] = code;
                            seen.add(key - Short.MIN_VALUE);
                        } else {
                            wideKeys.put(key, code);
                        }
                    }
                    continue;
                }
                room(4);
                buf.putInt(code);
            }
            for (int i = 0; i < seen.size(); i++) {
                shortKeys[seen.getInt(i)] = UNSEEN;
            }
        }

        /** One text cell looked up by value. */
        private void putText(String v) {
            room(4);
            if (v.isEmpty()) {
                buf.putInt(-1);
                return;
            }
            int code = dictionary.getOrDefault(v, UNSEEN);
            if (code != UNSEEN) {
                buf.putInt(code);
                return;
            }
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            buf.putInt(-2);
            room(4);
            buf.putInt(bytes.length);
            if (bytes.length <= buf.capacity()) {
                room(bytes.length);
                buf.put(bytes);
            } else {
                flush();
                md.update(bytes);
            }
            if (dictionary.size() < DICTIONARY_LIMIT) {
                dictionary.put(v, dictionary.size());
            }
        }

    private void room(int bytes) {
            if (buf.remaining() < bytes) {
                flush();
            }
        }

        private void flush() {
            buf.flip();
            md.update(buf);
            buf.clear();
        }

        byte[] digest() {
            flush();
            return md.digest();
        }
    }
}
