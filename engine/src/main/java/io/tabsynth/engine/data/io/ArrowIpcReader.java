package io.tabsynth.engine.data.io;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.InvalidArrowFileException;

/** Reads Arrow IPC files (the random-access file format, or the stream format) into frames. */
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
        Schema schema = ArrowFrames.schemaOf(arrow, file.toString());
        List<Frame> parts = new ArrayList<>();
        while (reader.loadNextBatch()) {
            parts.add(ArrowFrames.fromArrow(reader.getVectorSchemaRoot(), schema));
        }
        Frame frame = ArrowFrames.refineTextKinds(Frame.concat(schema, parts), arrow);
        return Retyping.apply(frame, metadata, file);
    }
}
