package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes the Arrow IPC file format ({@code .arrow}, {@code .feather}, {@code .ipc}), one record batch per
 * frame batch, with each column's kind in its field metadata so the file reads back losslessly.
 */
@org.pf4j.Extension
public final class ArrowExporter implements Exporter {
    @Override
    public String id() {
        return "arrow";
    }

    @Override
    public List<String> formats() {
        return List.of("arrow", "feather", "ipc");
    }

    /** Its writer only appends, so the engine hashes the file while it is written. */
    @Override
    public boolean appendsOnly() {
        return true;
    }

    @Override
    public FrameWriter open(Path file, Schema schema) throws IOException {
        BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowFrames.arrowSchema(schema), allocator);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, channel);
        writer.start();
        return new FrameWriter() {
            @Override
            public void write(Frame batch) throws IOException {
                ArrowFrames.fill(batch, root);
                writer.writeBatch();
            }

            @Override
            public void close() throws IOException {
                try (allocator; root; channel; writer) {
                    writer.end();
                }
            }
        };
    }
}
