package io.tabsynth.spi.data;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import io.tabsynth.engine.data.infer.SchemaInference;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.data.io.Retyping;
import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The mapping between frames and Parquet (through parquet-floor, no Hadoop), and the Parquet reader.
 * Kinds map to optional Parquet columns: continuous as DOUBLE, integer as INT64, boolean as BOOLEAN,
 * date-only datetimes as INT32 DATE, other datetimes as INT64 TIMESTAMP(MICROS), text kinds as UTF-8
 * BINARY. Parquet has no place for tabsynth's text kinds, so on reading, text columns are inferred again.
 */
public final class ParquetFrames {
    private ParquetFrames() {
    }

    /** The Parquet schema for a frame schema. */
    public static MessageType messageType(Schema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (ColumnSpec c : schema.columns()) {
            switch (c.kind()) {
                case CONTINUOUS:
                    b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                    break;
                case INTEGER:
                    b.optional(PrimitiveTypeName.INT64).named(c.name());
                    break;
                case BOOLEAN:
                    b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
                    break;
                case DATETIME:
                    if (DateTimeFormats.hasTime(c.format())) {
                        b.optional(PrimitiveTypeName.INT64)
                                .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
                                .named(c.name());
                    } else {
                        b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
                    }
                    break;
                default:
                    b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return b.named("tabsynth");
    }

    /** The value written to Parquet for a cell of the frame, or {@code null} when missing. */
    public static Object parquetValue(Frame frame, int column, int row) {
        tech.tablesaw.columns.Column<?> c = frame.column(column);
        if (c.isMissing(row)) {
            return null;
        }
        ColumnSpec spec = frame.schema().column(column);
        switch (spec.kind()) {
            case CONTINUOUS:
                return ((DoubleColumn) c).getDouble(row);
            case INTEGER:
                return ((LongColumn) c).getLong(row);
            case BOOLEAN:
                return ((BooleanColumn) c).get(row);
            case DATETIME: {
                LocalDateTime t = ((DateTimeColumn) c).get(row);
                if (DateTimeFormats.hasTime(spec.format())) {
                    return ArrowFrames.toMicros(t);
                }
                return (int) t.toLocalDate().toEpochDay();
            }
            default:
                return ((StringColumn) c).get(row);
        }
    }

    /** Reads a Parquet file into a frame. */
    public static Frame read(Path file, Metadata metadata) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": file not found");
        }
        MessageType type;
        try {
            type = ParquetReader.readMetadata(file.toFile()).getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
        List<ColumnSpec> specs = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Type f : type.getFields()) {
            if (!f.isPrimitive() || f.isRepetition(Type.Repetition.REPEATED)) {
                throw new BadInputException(file + ", column '" + f.getName()
                        + "': nested and repeated Parquet columns are not supported");
            }
            index.put(f.getName(), specs.size());
            specs.add(specOf(file, f.asPrimitiveType()));
        }
        Schema schema = Schema.of(specs);
        List<Object[]> rows = new ArrayList<>();
        HydratorSupplier<Object[], Object[]> rowsOf = columns -> new Hydrator<>() {
            @Override
            public Object[] start() {
                return new Object[specs.size()];
            }

            @Override
            public Object[] add(Object[] target, String heading, Object value) {
                target[index.get(heading)] = value;
                return target;
            }

            @Override
            public Object[] finish(Object[] target) {
                return target;
            }
        };
        try (Stream<Object[]> s = ParquetReader.streamContent(file.toFile(), rowsOf)) {
            s.forEach(rows::add);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": cannot read Parquet rows: " + e.getMessage(), e);
        }
        Table table = Table.create(file.getFileName().toString());
        for (int c = 0; c < specs.size(); c++) {
            table.addColumns(column(specs.get(c), rows, c));
        }
        Frame frame = Frame.of(table, schema);
        for (ColumnSpec spec : specs) {
            if (spec.kind().isText()) {
                ColumnKind k = SchemaInference.infer(spec.name(), frame.strings(spec.name()).asList(),
                        MissingValues.DEFAULT).kind();
                if (k.isText()) {
                    schema = schema.with(ColumnSpec.of(spec.name(), k));
                }
            }
        }
        return Retyping.apply(Frame.of(table, schema), metadata, file);
    }

    private static ColumnSpec specOf(Path file, PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case DOUBLE:
            case FLOAT:
                return ColumnSpec.of(p.getName(), ColumnKind.CONTINUOUS);
            case BOOLEAN:
                return ColumnSpec.of(p.getName(), ColumnKind.BOOLEAN);
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return new ColumnSpec(p.getName(), ColumnKind.DATETIME, "yyyy-MM-dd");
                }
                return ColumnSpec.of(p.getName(), ColumnKind.INTEGER);
            case INT64:
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    return new ColumnSpec(p.getName(), ColumnKind.DATETIME, DateTimeFormats.ISO_DATE_TIME);
                }
                return ColumnSpec.of(p.getName(), ColumnKind.INTEGER);
            case BINARY:
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
                    return ColumnSpec.of(p.getName(), ColumnKind.CATEGORICAL);
                }
                break;
            default:
                break;
        }
        throw new BadInputException(file + ", column '" + p.getName() + "': Parquet type " + p
                + " is not supported");
    }

    private static tech.tablesaw.columns.Column<?> column(ColumnSpec spec, List<Object[]> rows, int c) {
        int n = rows.size();
        switch (spec.kind()) {
            case CONTINUOUS: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    Object v = rows.get(i)[c];
                    d[i] = v == null ? Double.NaN
                            : v instanceof Float ? CellText.widen((Float) v) : ((Number) v).doubleValue();
                }
                return DoubleColumn.create(spec.name(), d);
            }
            case INTEGER: {
                LongColumn col = LongColumn.create(spec.name(), n);
                for (int i = 0; i < n; i++) {
                    Object v = rows.get(i)[c];
                    if (v == null) {
                        col.setMissing(i);
                    } else {
                        col.set(i, ((Number) v).longValue());
                    }
                }
                return col;
            }
            case BOOLEAN: {
                BooleanColumn col = BooleanColumn.create(spec.name());
                for (Object[] row : rows) {
                    if (row[c] == null) {
                        col.appendMissing();
                    } else {
                        col.append((Boolean) row[c]);
                    }
                }
                return col;
            }
            case DATETIME: {
                DateTimeColumn col = DateTimeColumn.create(spec.name());
                boolean timed = DateTimeFormats.hasTime(spec.format());
                for (Object[] row : rows) {
                    Object v = row[c];
                    if (v == null) {
                        col.appendMissing();
                    } else if (timed) {
                        col.append(ArrowFrames.fromMicros(((Number) v).longValue()));
                    } else {
                        col.append(LocalDate.ofEpochDay(((Number) v).longValue()).atStartOfDay());
                    }
                }
                return col;
            }
            default: {
                String[] s = new String[n];
                for (int i = 0; i < n; i++) {
                    Object v = rows.get(i)[c];
                    s[i] = v == null ? "" : v.toString();
                }
                return StringColumn.create(spec.name(), s);
            }
        }
    }
}
