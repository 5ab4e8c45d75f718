package io.tabsynth.plugins.exporters;

import blue.strategic.parquet.ParquetWriter;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.ParquetFrames;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.spi.Exporter;
import io.tabsynth.engine.spi.FrameWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes Parquet ({@code .parquet}) through parquet-floor, without Hadoop: optional columns typed as in
 * {@link ParquetFrames#messageType}.
 */
@org.pf4j.Extension
public final class ParquetExporter implements Exporter {
    /** One row of a batch, as the Parquet writer's record type. */
    private record Row(Frame frame, int index) {
    }

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
        List<String> names = schema.names();
        ParquetWriter<Row> writer = ParquetWriter.writeFile(ParquetFrames.messageType(schema), file.toFile(),
                (row, values) -> {
                    for (int c = 0; c < names.size(); c++) {
                        Object v = ParquetFrames.parquetValue(row.frame(), c, row.index());
                        if (v != null) {
                            values.write(names.get(c), v);
                        }
                    }
                });
        return new FrameWriter() {
            @Override
            public void write(Frame batch) throws IOException {
                for (int r = 0; r < batch.rowCount(); r++) {
                    writer.write(new Row(batch, r));
                }
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
