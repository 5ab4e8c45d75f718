package io.tabsynth.engine.data.io;

import io.tabsynth.engine.data.infer.SchemaInference;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.InvalidArrowFileException;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads Arrow IPC files (the random-access file format, or the stream format) into frames: fields written by
 * tabsynth ({@link ArrowFrames}) carry their kind and format; fields written by other tools, without that
 * metadata, are mapped by Arrow type, text columns by inference.
 */
public final class ArrowIpcReader {
    private static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    private ArrowIpcReader() {
    }

    /** Reads every record batch of the file into one frame. */
    public static Frame read(Path file, Metadata metadata) {
        try (BufferAllocator allocator = new RootAllocator()) {
            if (isFileFormat(file)) {
                try (SeekableByteChannel ch = Files.newByteChannel(file);
                     ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
                    return readAll(file, reader, metadata);
                }
            }
            try (InputStream in = Files.newInputStream(file);
                 ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
                return readAll(file, reader, metadata);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (InvalidArrowFileException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new BadInputException(file + ": not a valid Arrow IPC file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read as Arrow IPC: " + e.getMessage(), e);
        }
    }

    /**
     * An Arrow IPC file read one record batch at a time, as its writer laid them out: the schema is the file's (text
     * columns without tabsynth's metadata refined by the first batch's values, the metadata file's kinds applied),
     * and each batch becomes a frame of that schema while it is read.
     */
    public static FileBatches batches(Path file, Metadata metadata) {
        Frame[] first = new Frame[1];
        Schema[] schema = new Schema[1];
        FileBatches probe = new RecordBatches(file, metadata, null, null);
        try (FrameStream s = probe.open()) {
            if (!s.hasNext()) {
                throw new BadInputException(file + ": has no record batches");
            }
            first[0] = s.next();
            schema[0] = first[0].schema();
        }
        return new RecordBatches(file, metadata, schema[0], first[0]);
    }

    /** The record batches of an Arrow IPC file; with a null schema, the first batch's refined schema is taken. */
    private record RecordBatches(Path file, Metadata metadata, Schema schema, Frame first) implements FileBatches {
        @Override
        public FrameStream open() {
            BufferAllocator allocator = new RootAllocator();
            ArrowReader reader;
            org.apache.arrow.vector.types.pojo.Schema arrow;
            Schema raw;
            try {
                reader = isFileFormat(file) ? new ArrowFileReader(Files.newByteChannel(file), allocator)
                        : new ArrowStreamReader(Files.newInputStream(file), allocator);
                arrow = reader.getVectorSchemaRoot().getSchema();
                raw = schemaOf(arrow, file.toString());
            } catch (IOException | RuntimeException e) {
                allocator.close();
                throw refused(file, e);
            }
            return new FrameStream() {
                private Frame next = load();

                private Frame load() {
                    try {
                        if (!reader.loadNextBatch()) {
                            return null;
                        }
                        Frame batch = fromArrow(reader.getVectorSchemaRoot(), raw);
                        if (schema == null) {
                            return Retyping.apply(refineTextKinds(batch, arrow), metadata, file);
                        }
                        // a text column keeps the kind the first batch's values gave it
                        return Frame.of(Retyping.apply(batch, metadata, file).table(), schema);
                    } catch (IOException | RuntimeException e) {
                        throw refused(file, e);
                    }
                }

                @Override
                public Schema schema() {
                    return schema;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Frame next() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    Frame out = next;
                    next = load();
                    return out;
                }

                @Override
                public void close() {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        // read only: nothing was lost
                    } finally {
                        allocator.close();
                    }
                }
            };
        }
    }

    private static BadInputException refused(Path file, Exception e) {
        if (e instanceof BadInputException b) {
            return b;
        }
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": file not found");
        }
        if (e instanceof IOException) {
            return new BadInputException(file + ": cannot read as Arrow IPC: " + e.getMessage(), e);
        }
        return new BadInputException(file + ": not a valid Arrow IPC file: " + e.getMessage(), e);
    }

    private static boolean isFileFormat(Path file) throws IOException {
        byte[] head = new byte[FILE_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n == 0) {
                throw new BadInputException(file + ": the file is empty");
            }
            return n == head.length && java.util.Arrays.equals(head, FILE_MAGIC);
        }
    }

    private static Frame readAll(Path file, ArrowReader reader, Metadata metadata) throws IOException {
        org.apache.arrow.vector.types.pojo.Schema arrow = reader.getVectorSchemaRoot().getSchema();
        Schema schema = schemaOf(arrow, file.toString());
        List<Frame> parts = new ArrayList<>();
        while (reader.loadNextBatch()) {
            parts.add(fromArrow(reader.getVectorSchemaRoot(), schema));
        }
        Frame frame = refineTextKinds(Frame.concat(schema, parts), arrow);
        return Retyping.apply(frame, metadata, file);
    }

    /**
     * The schema of an Arrow schema: from tabsynth's field metadata where present, otherwise by Arrow type
     * (text columns provisionally categorical; see {@link #refineTextKinds}).
     */
    private static Schema schemaOf(org.apache.arrow.vector.types.pojo.Schema arrow, String source) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (Field f : arrow.getFields()) {
            Map<String, String> meta = f.getMetadata();
            String kind = meta == null ? null : meta.get(ArrowFrames.KIND_KEY);
            if (kind != null) {
                specs.add(new ColumnSpec(f.getName(), ColumnKind.parse(kind), meta.get(ArrowFrames.FORMAT_KEY)));
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
    private static boolean hasKind(Field f) {
        return f.getMetadata() != null && f.getMetadata().containsKey(ArrowFrames.KIND_KEY);
    }

    /** Reads the rows of a root into a frame of the given schema. */
    private static Frame fromArrow(VectorSchemaRoot root, Schema schema) {
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
    private static Frame refineTextKinds(Frame frame, org.apache.arrow.vector.types.pojo.Schema arrow) {
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
        return ArrowFrames.fromMicros(micros);
    }
}
