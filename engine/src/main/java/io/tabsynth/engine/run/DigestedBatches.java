package io.tabsynth.engine.run;

import io.tabsynth.spi.FrameBatches;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Schema;

/**
 * Batches handed to a streamed fit whose first complete pass is also digested: each batch goes through a
 * {@link ContentDigest.Hasher} on its way to the generator, so the content digest that lineage records costs no
 * pass of its own and equals the digest of the whole file read at once. Should the generator never read the data
 * to its end, the digest is computed by a pass of its own.
 */
final class DigestedBatches implements FrameBatches {
    private final FrameBatches data;
    private ContentDigest.Hasher hasher;
    private String digest;
    private long rows;

    DigestedBatches(FrameBatches data) {
        this.data = data;
    }

    @Override
    public Schema schema() {
        return data.schema();
    }

    @Override
    public synchronized FrameStream open() {
        FrameStream stream = data.open();
        if (digest != null || hasher != null) {
            return stream;
        }
        ContentDigest.Hasher h = new ContentDigest.Hasher(data.schema());
        hasher = h;
        return new FrameStream() {
            @Override
            public Schema schema() {
                return stream.schema();
            }

            @Override
            public boolean hasNext() {
                boolean more = stream.hasNext();
                if (!more) {
                    finished(h);
                }
                return more;
            }

            @Override
            public io.tabsynth.spi.data.Frame next() {
                io.tabsynth.spi.data.Frame batch = stream.next();
                h.add(batch);
                return batch;
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    private synchronized void finished(ContentDigest.Hasher h) {
        if (digest == null && h == hasher) {
            rows = h.rows();
            digest = h.finish();
        }
    }

    /** The content digest of every row. */
    synchronized String contentSha256() {
        if (digest == null) {
            hasher = null;
            try (FrameStream all = open()) {
                while (all.hasNext()) {
                    all.next();
                }
            }
        }
        return digest;
    }

    /** How many rows the data has. */
    synchronized long rows() {
        contentSha256();
        return rows;
    }
}
