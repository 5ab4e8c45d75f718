package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.ParquetFrames;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Hands the Parquet writer the rows of frames, one record per row, with the values {@link
 * ParquetFrames#parquetValue} gives and missing cells left out.
 */
final class FrameWriteSupport extends WriteSupport<FrameWriteSupport.Row> {
    /**
     * The object model's name that the footer records. Files were written through parquet-floor's writer, whose
     * records these are too (one optional primitive per column); its name stays, so the footer does not change.
     */
    private static final String MODEL_NAME = "blue.strategic.parquet.ParquetWriter";

    /** One row of a batch. */
    record Row(Frame frame, int index) {
    }

    private final MessageType type;
    private RecordConsumer consumer;

    FrameWriteSupport(MessageType type) {
        this.type = type;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(type, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public String getName() {
        return MODEL_NAME;
    }

    @Override
    public void write(Row row) {
        consumer.startMessage();
        for (int c = 0; c < type.getFieldCount(); c++) {
            Object v = ParquetFrames.parquetValue(row.frame(), c, row.index());
            if (v == null) {
                continue;
            }
            String name = type.getFieldName(c);
            consumer.startField(name, c);
            if (v instanceof Double d) {
                consumer.addDouble(d);
            } else if (v instanceof Long l) {
                consumer.addLong(l);
            } else if (v instanceof Integer i) {
                consumer.addInteger(i);
            } else if (v instanceof Boolean b) {
                consumer.addBoolean(b);
            } else {
                consumer.addBinary(Binary.fromString((String) v));
            }
            consumer.endField(name, c);
        }
        consumer.endMessage();
    }
}
