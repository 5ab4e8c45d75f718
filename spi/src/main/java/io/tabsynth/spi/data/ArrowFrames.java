package io.tabsynth.spi.data;

import io.tabsynth.engine.data.infer.SchemaInference;
import io.tabsynth.spi.BadInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
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
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Converts frames to Arrow record batches and back, losslessly for every kind. Each field carries its
 * kind (and datetime format) in field metadata ({@code tabsynth.kind}, {@code tabsynth.format}); Arrow files
 * written by other tools, without that metadata, are mapped by Arrow type, text columns by inference.
 * Storage: continuous as float64, integer as int64, boolean as bool, datetime as timestamp[us] (no zone),
 * text kinds as utf8; nulls as Arrow nulls.
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

    /**
     * The schema of an Arrow schema: from tabsynth's field metadata where present, otherwise by Arrow type
     * (text columns provisionally categorical; see {@link #refineTextKinds}).
     */
    public static Schema schemaOf(org.apache.arrow.vector.types.pojo.Schema arrow, String source) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (Field f : arrow.getFields()) {
            Map<String, String> meta = f.getMetadata();
            String kind = meta == null ? null : meta.get(KIND_KEY);
            if (kind != null) {
                specs.add(new ColumnSpec(f.getName(), ColumnKind.parse(kind), meta.get(FORMAT_KEY)));
                continue;
            }
            ArrowType t = f.getType();
            ColumnKind k;
            String format = null;
            if (t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Decimal) {
                k = ColumnKind.CONTINUOUS;
            } else if (t instanceof ArrowType.Int) {
                k = ColumnKind.INTEGER;
            } else if (t instanceof ArrowType.Bool) {
                k = ColumnKind.BOOLEAN;
            } else if (t instanceof ArrowType.Date) {
                k = ColumnKind.DATETIME;
                format = "yyyy-MM-dd";
            } else if (t instanceof ArrowType.Timestamp) {
                k = ColumnKind.DATETIME;
            } else if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
                k = ColumnKind.CATEGORICAL;
            } else {
                throw new BadInputException(source + ", column '" + f.getName() + "': Arrow type " + t
                        + " is not supported (use numbers, booleans, dates, timestamps or utf8 strings)");
            }
            specs.add(new ColumnSpec(f.getName(), k, format));
        }
        return Schema.of(specs);
    }

    /** True if the field carries tabsynth's kind metadata. */
    public static boolean hasKind(Field f) {
        return f.getMetadata() != null && f.getMetadata().containsKey(KIND_KEY);
    }

    /** Reads the rows of a root into a frame of the given schema. */
    public static Frame fromArrow(VectorSchemaRoot root, Schema schema) {
        int n = root.getRowCount();
        Table table = Table.create("arrow");
        for (int c = 0; c < schema.size(); c++) {
            ColumnSpec spec = schema.column(c);
            FieldVector v = root.getVector(c);
            switch (spec.kind()) {
                case CONTINUOUS: {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = v.isNull(i) ? Double.NaN : asDouble(v, i);
                    }
                    table.addColumns(DoubleColumn.create(spec.name(), d));
                    break;
                }
                case INTEGER: {
                    LongColumn lc = LongColumn.create(spec.name(), n);
                    BaseIntVector iv = (BaseIntVector) v;
                    for (int i = 0; i < n; i++) {
                        if (v.isNull(i)) {
                            lc.setMissing(i);
                        } else {
                            lc.set(i, iv.getValueAsLong(i));
                        }
                    }
                    table.addColumns(lc);
                    break;
                }
                case BOOLEAN: {
                    BooleanColumn bc = BooleanColumn.create(spec.name());
                    BitVector bv = (BitVector) v;
                    for (int i = 0; i < n; i++) {
                        if (v.isNull(i)) {
                            bc.appendMissing();
                        } else {
                            bc.append(bv.get(i) != 0);
                        }
                    }
                    table.addColumns(bc);
                    break;
                }
                case DATETIME: {
                    DateTimeColumn dc = DateTimeColumn.create(spec.name());
                    for (int i = 0; i < n; i++) {
                        if (v.isNull(i)) {
                            dc.appendMissing();
                        } else {
                            dc.append(asDateTime(v, i));
                        }
                    }
                    table.addColumns(dc);
                    break;
                }
                default: {
                    String[] s = new String[n];
                    for (int i = 0; i < n; i++) {
                        s[i] = v.isNull(i) ? "" : asText(v, i);
                    }
                    table.addColumns(StringColumn.create(spec.name(), s));
                }
            }
        }
        return Frame.of(table, schema);
    }

    /**
     * For text columns read without tabsynth metadata, infers whether they are categorical, identifier or
     * free text from their values.
     */
    public static Frame refineTextKinds(Frame frame, org.apache.arrow.vector.types.pojo.Schema arrow) {
        Schema schema = frame.schema();
        for (Field f : arrow.getFields()) {
            ColumnSpec spec = schema.column(f.getName());
            if (hasKind(f) || !spec.kind().isText()) {
                continue;
            }
            List<String> cells = frame.strings(f.getName()).asList();
            ColumnKind k = SchemaInference.infer(f.getName(), cells, MissingValues.DEFAULT).kind();
            if (k.isText() && k != spec.kind()) {
                schema = schema.with(ColumnSpec.of(f.getName(), k));
            }
        }
        return Frame.of(frame.table(), schema);
    }

    private static double asDouble(FieldVector v, int i) {
        if (v instanceof Float4Vector) {
            return CellText.widen(((Float4Vector) v).get(i));
        }
        if (v instanceof FloatingPointVector) {
            return ((FloatingPointVector) v).getValueAsDouble(i);
        }
        return ((Number) v.getObject(i)).doubleValue();
    }

    private static String asText(FieldVector v, int i) {
        if (v instanceof VarCharVector) {
            return new String(((VarCharVector) v).get(i), StandardCharsets.UTF_8);
        }
        if (v instanceof LargeVarCharVector) {
            return new String(((LargeVarCharVector) v).get(i), StandardCharsets.UTF_8);
        }
        return String.valueOf(v.getObject(i));
    }

    private static LocalDateTime asDateTime(FieldVector v, int i) {
        if (v instanceof DateDayVector) {
            return LocalDate.ofEpochDay(((DateDayVector) v).get(i)).atStartOfDay();
        }
        if (v instanceof DateMilliVector) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(((DateMilliVector) v).get(i)), ZoneOffset.UTC);
        }
        TimeStampVector tv = (TimeStampVector) v;
        long raw = tv.get(i);
        TimeUnit unit = ((ArrowType.Timestamp) v.getField().getType()).getUnit();
        long micros;
        switch (unit) {
            case SECOND:
                micros = raw * 1_000_000L;
                break;
            case MILLISECOND:
                micros = raw * 1_000L;
                break;
            case NANOSECOND:
                micros = Math.floorDiv(raw, 1_000L);
                break;
            default:
                micros = raw;
        }
        return fromMicros(micros);
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
