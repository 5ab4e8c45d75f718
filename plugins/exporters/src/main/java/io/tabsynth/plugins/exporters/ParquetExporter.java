package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.ParquetFrames;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Parquet ({@code .parquet}) with parquet-mr, without Hadoop: optional columns typed as in {@link
 * ParquetFrames#messageType}, Snappy-compressed version 2 pages. The same frame gives the same bytes in every
 * JVM: the footer's lists of encodings, which parquet-mr leaves in hash order, are sorted as the file is closed
 * ({@link TailHoldingOutputFile}).
 */
@org.pf4j.Extension
public final class ParquetExporter implements Exporter {
    @Override
    public String id() {
        return "parquet";
    }

    @Override
    public List<String> formats() {
        return List.of("parquet");
    }

    /** Its writer only appends, so the engine hashes the file while it is written. */
    @Override
    public boolean appendsOnly() {
        return true;
    }

    @Override
    public FrameWriter open(Path file, Schema schema) throws IOException {
        Files.deleteIfExists(file);
        TailHoldingOutputFile out = new TailHoldingOutputFile(file);
        ParquetWriter<FrameWriteSupport.Row> writer = new Builder(out, ParquetFrames.messageType(schema))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .build();
        return new FrameWriter() {
            @Override
            public void write(Frame batch) throws IOException {
                for (int r = 0; r < batch.rowCount(); r++) {
                    writer.write(new FrameWriteSupport.Row(batch, r));
                }
            }

            @Override
            public void close() throws IOException {
                out.holdTail();
                writer.close();
            }
        };
    }

    /** parquet-mr's writer for frame rows. */
    private static final class Builder extends ParquetWriter.Builder<FrameWriteSupport.Row, Builder> {
        private final MessageType type;

        Builder(OutputFile out, MessageType type) {
            super(out);
            this.type = type;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<FrameWriteSupport.Row> getWriteSupport(Configuration configuration) {
            return new FrameWriteSupport(type);
        }
    }
}
