package io.tabsynth.engine.data.io;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import io.tabsynth.engine.data.infer.SchemaInference;
import io.tabsynth.spi.BadInputException;
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
