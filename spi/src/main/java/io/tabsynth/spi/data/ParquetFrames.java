package io.tabsynth.spi.data;

import java.time.LocalDateTime;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;

/**
 * The mapping between frames and Parquet (through parquet-floor, no Hadoop), as the Parquet writer uses it; the
 * engine's Parquet reader maps back.
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
}
