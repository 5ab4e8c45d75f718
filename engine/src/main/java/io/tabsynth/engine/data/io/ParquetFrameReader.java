package io.tabsynth.engine.data.io;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import io.tabsynth.engine.data.infer.SchemaInference;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.ParquetFrames;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads Parquet files into frames (through parquet-floor, no Hadoop), mapping back what {@link ParquetFrames}
 * maps to Parquet. Parquet has no place for tabsynth's text kinds, so text columns are inferred again.
 */
public final class ParquetFrameReader {
    private ParquetFrameReader() {
    }

    /** Reads a Parquet file into a frame. */
    public static Frame read(Path file, Metadata metadata) {
        Columns columns = columns(file);
        List<Object[]> rows = new ArrayList<>();
        try (Stream<Object[]> s = rows(file, columns)) {
            s.forEach(rows::add);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
        return inferred(columns.frame(file, rows), metadata, file);
    }

    /**
     * A Parquet file read {@code batchRows} rows at a time, one batch held at once (a streamed fit): the text
     * columns' kinds are inferred from the first batch, which every later batch keeps.
     */
    public static FileBatches batches(Path file, Metadata metadata, int batchRows) {
        Columns columns = columns(file);
        Frame first;
        try (FrameStream s = new RowBatches(file, metadata, columns, batchRows, null, null).open()) {
            if (!s.hasNext()) {
                throw new BadInputException(file + ": has no rows");
            }
            first = s.next();
        }
        return new RowBatches(file, metadata, columns, batchRows, first.schema(), first);
    }

    /** The file's columns as read (text ones categorical until inferred) and each one's place by name. */
    private record Columns(List<ColumnSpec> specs, Map<String, Integer> index) {
        Frame frame(Path file, List<Object[]> rows) {
            Table table = Table.create(file.getFileName().toString());
            for (int c = 0; c < specs.size(); c++) {
                table.addColumns(column(specs.get(c), rows, c));
            }
            return Frame.of(table, Schema.of(specs));
        }
    }

    private static Columns columns(Path file) {
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
        return new Columns(specs, index);
    }

    /** The file's rows, each one value per column (null where missing), in the file's order. */
    private static Stream<Object[]> rows(Path file, Columns columns) throws IOException {
        HydratorSupplier<Object[], Object[]> rowsOf = all -> new Hydrator<>() {
            @Override
            public Object[] start() {
                return new Object[columns.specs().size()];
            }

            @Override
            public Object[] add(Object[] target, String heading, Object value) {
                target[columns.index().get(heading)] = value;
                return target;
            }

            @Override
            public Object[] finish(Object[] target) {
                return target;
            }
        };
        return ParquetReader.streamContent(file.toFile(), rowsOf);
    }

    private static BadInputException unreadable(Path file, Exception e) {
        return e instanceof BadInputException b ? b
                : new BadInputException(file + ": cannot read Parquet rows: " + e.getMessage(), e);
    }

    /** The frame with its text columns' kinds inferred from their values, then the metadata's kinds applied. */
    private static Frame inferred(Frame frame, Metadata metadata, Path file) {
        Schema schema = frame.schema();
        for (ColumnSpec spec : schema.columns()) {
            if (spec.kind().isText()) {
                ColumnKind k = SchemaInference.infer(spec.name(), frame.strings(spec.name()).asList(),
                        MissingValues.DEFAULT).kind();
                if (k.isText()) {
                    schema = schema.with(ColumnSpec.of(spec.name(), k));
                }
            }
        }
        return Retyping.apply(Frame.of(frame.table(), schema), metadata, file);
    }

    /** A Parquet file's rows in batches; with a null schema, the first batch's inferred schema is taken. */
    private record RowBatches(Path file, Metadata metadata, Columns columns, int batchRows, Schema schema, Frame first)
            implements FileBatches {
        @Override
        public FrameStream open() {
            Stream<Object[]> stream;
            try {
                stream = rows(file, columns);
            } catch (IOException | RuntimeException e) {
                throw unreadable(file, e);
            }
            Iterator<Object[]> rows = stream.iterator();
            return new FrameStream() {
                @Override
                public Schema schema() {
                    return schema;
                }

                @Override
                public boolean hasNext() {
                    try {
                        return rows.hasNext();
                    } catch (RuntimeException e) {
                        throw unreadable(file, e);
                    }
                }

                @Override
                public Frame next() {
                    List<Object[]> batch = new ArrayList<>(batchRows);
                    try {
                        while (batch.size() < batchRows && rows.hasNext()) {
                            batch.add(rows.next());
                        }
                    } catch (RuntimeException e) {
                        throw unreadable(file, e);
                    }
                    if (batch.isEmpty()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Frame raw = columns.frame(file, batch);
                    if (schema == null) {
                        return inferred(raw, metadata, file);
                    }
                    // a text column keeps the kind the first batch's values gave it
                    return Frame.of(Retyping.apply(raw, metadata, file).table(), schema);
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        }
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
