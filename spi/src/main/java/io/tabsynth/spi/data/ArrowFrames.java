package io.tabsynth.spi.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Converts frames to Arrow record batches, losslessly for every kind (the engine's Arrow reader converts them
 * back). Each field carries its kind (and datetime format) in field metadata ({@code tabsynth.kind},
 * {@code tabsynth.format}). Storage: continuous as float64, integer as int64, boolean as bool, datetime as
 * timestamp[us] (no zone), text kinds as utf8; nulls as Arrow nulls.
 */
public final class ArrowFrames {
    /** Field metadata key for the column kind. */
    public static final String KIND_KEY = "tabsynth.kind";
    /** Field metadata key for the datetime format. */
    public static final String FORMAT_KEY = "tabsynth.format";

    private ArrowFrames() {
    }

    /** The Arrow schema for a frame schema. */
    public static org.apache.arrow.vector.types.pojo.Schema arrowSchema(Schema schema) {
        List<Field> fields = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            Map<String, String> meta = new HashMap<>();
            meta.put(KIND_KEY, c.kind().jsonName());
            if (c.format() != null) {
                meta.put(FORMAT_KEY, c.format());
            }
            fields.add(new Field(c.name(), new FieldType(true, arrowType(c.kind()), null, meta), null));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    private static ArrowType arrowType(ColumnKind kind) {
        switch (kind) {
            case CONTINUOUS:
                return new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
            case INTEGER:
                return new ArrowType.Int(64, true);
            case BOOLEAN:
                return ArrowType.Bool.INSTANCE;
            case DATETIME:
                return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            default:
                return ArrowType.Utf8.INSTANCE;
        }
    }

    /** Fills a root (created from {@link #arrowSchema}) with the frame's rows; the root's previous rows are replaced. */
    public static void fill(Frame frame, VectorSchemaRoot root) {
        int n = frame.rowCount();
        root.allocateNew();
        for (int c = 0; c < frame.columnCount(); c++) {
            FieldVector v = root.getVector(c);
            Column<?> col = frame.column(c);
            switch (frame.schema().column(c).kind()) {
                case CONTINUOUS: {
                    Float8Vector fv = (Float8Vector) v;
                    DoubleColumn dc = (DoubleColumn) col;
                    for (int i = 0; i < n; i++) {
                        double d = dc.getDouble(i);
                        if (Double.isNaN(d)) {
                            fv.setNull(i);
                        } else {
                            fv.setSafe(i, d);
                        }
                    }
                    break;
                }
                case INTEGER: {
                    BigIntVector bv = (BigIntVector) v;
                    LongColumn lc = (LongColumn) col;
                    for (int i = 0; i < n; i++) {
                        if (lc.isMissing(i)) {
                            bv.setNull(i);
                        } else {
                            bv.setSafe(i, lc.getLong(i));
                        }
                    }
                    break;
                }
                case BOOLEAN: {
                    BitVector bv = (BitVector) v;
                    BooleanColumn bc = (BooleanColumn) col;
                    for (int i = 0; i < n; i++) {
                        if (bc.isMissing(i)) {
                            bv.setNull(i);
                        } else {
                            bv.setSafe(i, bc.get(i) ? 1 : 0);
                        }
                    }
                    break;
                }
                case DATETIME: {
                    TimeStampMicroVector tv = (TimeStampMicroVector) v;
                    DateTimeColumn dc = (DateTimeColumn) col;
                    for (int i = 0; i < n; i++) {
                        if (dc.isMissing(i)) {
                            tv.setNull(i);
                        } else {
                            tv.setSafe(i, toMicros(dc.get(i)));
                        }
                    }
                    break;
                }
                default: {
                    VarCharVector sv = (VarCharVector) v;
                    StringColumn sc = (StringColumn) col;
                    byte[] keys = DictionaryKeys.bytes(sc);
                    byte[][] utf8 = keys == null ? null
                            : DictionaryKeys.byByteKey(sc, ArrowFrames::utf8, byte[][]::new);
                    for (int i = 0; i < n; i++) {
                        byte[] b = utf8 == null ? null : utf8[keys[i] + 128];
                        if (b == null) {
                            b = utf8(sc.get(i));
                        }
                        if (b == null) {
                            sv.setNull(i);
                        } else {
                            sv.setSafe(i, b);
                        }
                    }
                }
            }
            v.setValueCount(n);
        }
        root.setRowCount(n);
    }

    /** A text value's UTF-8 bytes, null for a missing (empty) one. */
    private static byte[] utf8(String value) {
        return value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** A root holding the frame's rows; the caller closes it. */
    public static VectorSchemaRoot toArrow(Frame frame, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(frame.schema()), allocator);
        fill(frame, root);
        return root;
    }

    /** Microseconds since the epoch, reading the local date-time as UTC. */
    public static long toMicros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    /** The local date-time of microseconds since the epoch, read as UTC. */
    public static LocalDateTime fromMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
    }
}
