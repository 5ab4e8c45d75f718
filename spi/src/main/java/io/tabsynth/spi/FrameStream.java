package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Sampled rows, delivered in batches so that memory stays flat however many rows are asked for. */
public interface FrameStream extends Iterator<Frame>, AutoCloseable {
    /** The schema every batch has. */
    Schema schema();

    /** Stops any background work. */
    @Override
    void close();

    /**
     * What sampling did besides producing rows, for the lineage record once the stream is used up: e.g.
     * how many rows constraints rejected, or which edge cases were injected. Empty by default.
     */
    default java.util.Map<String, Object> notes() {
        return java.util.Map.of();
    }

    /** Collects every remaining batch into one frame (for small samples) and closes the stream. */
    default Frame collect() {
        try (this) {
            List<Frame> parts = new ArrayList<>();
            forEachRemaining(parts::add);
            return Frame.concat(schema(), parts);
        }
    }

    /**
     * This stream with every batch passed through {@code f}, which keeps the schema: the notes and closing are
     * this stream's. How the engine's wrappers (written form, rare values) change what a model samples.
     */
    default FrameStream map(java.util.function.UnaryOperator<Frame> f) {
        FrameStream source = this;
        return new FrameStream() {
            @Override
            public Schema schema() {
                return source.schema();
            }

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Frame next() {
                return f.apply(source.next());
            }

            @Override
            public java.util.Map<String, Object> notes() {
                return source.notes();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** A stream over frames already in memory. */
    static FrameStream of(Schema schema, List<Frame> frames) {
        Iterator<Frame> it = frames.iterator();
        return new FrameStream() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Frame next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
