package io.tabsynth.engine.run;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.GrowingFileDigest;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.AtomicFile;
import io.tabsynth.spi.io.DaemonPool;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Writing rows through an exporter plugin, atomically, with their digests computed while they are written.
 */
final class Export {
    /** How many batches the digests may fall behind the writer before it waits for them. */
    private static final int DIGESTS_BEHIND = 4;

    private final Extensions extensions;
    private final Recorder recorder;

    Export(Extensions extensions, Recorder recorder) {
        this.extensions = extensions;
        this.recorder = recorder;
    }

    /** Writes a stream to {@code out} in the format its extension names and records the export step. */
    long write(FrameStream stream, Path out, List<Artifact> inputs) {
        PluginHost.Found<Exporter> exporter = extensions.exporterFor(out);
        Instant started = Instant.now();
        Artifact written = write(stream, exporter.extension(), out, -1, Progress.NONE);
        recorder.record(Step.builder("export")
                .by(exporter.info().id(), exporter.info().pluginId(), exporter.info().pluginVersion())
                .parameter("format", exporter.info().id()).inputs(inputs).output(written)
                .result("rows", written.rows()).between(started, Instant.now()).build());
        return written.rows();
    }

    /** Writes a frame, named in lineage by the file it was read from if any. */
    void write(Frame frame, Path out) {
        write(FrameStream.of(frame.schema(), List.of(frame)), out, DataFiles.artifacts(frame));
    }

    /**
     * Writes the stream through the exporter to a temporary file and renames it into place; returns the file as
     * lineage names it, with its digests. Meanwhile one thread computes the content digest of the same batches
     * and, for exporters that only append, the file digest of the bytes written so far, so hashing overlaps
     * writing; another gets the lineage ready to record (key and first-record code, 0.1-0.2 s in a fresh JVM), so
     * that the writer, which waits for the digests when they fall more than {@value #DIGESTS_BEHIND} batches
     * behind, never waits for that. {@code expected} rows (-1 if unknown) size the free-space check and progress.
     */
    Artifact write(FrameStream stream, Exporter exporter, Path out, long expected, Progress progress) {
        ContentDigest.Hasher content = new ContentDigest.Hasher(stream.schema());
        String[] sha = new String[1];
        recorder.refuseIfRead(out);
        FreeSpace space = new FreeSpace(out, expected, FreeSpace.FILE_STORE);
        progress.start("writing " + out.getFileName(), expected);
        try (DaemonPool hashing = DaemonPool.of("tabsynth-digests", 1);
             DaemonPool preparing = DaemonPool.of("tabsynth-lineage", 1)) {
            Future<?> ready = preparing.submit(recorder.lineage()::prepare);
            AtomicFile.write(out, tmp -> {
                ArrayDeque<Future<?>> pending = new ArrayDeque<>();
                long rowsWritten = 0;
                try (GrowingFileDigest file = new GrowingFileDigest(tmp)) {
                    try (FrameWriter w = exporter.open(tmp, stream.schema())) {
                        while (stream.hasNext()) {
                            Frame batch = stream.next();
                            pending.add(hashing.submit(() -> {
                                content.add(batch);
                                if (exporter.appendsOnly()) {
                                    file.catchUp();
                                }
                                return null;
                            }));
                            w.write(batch);
                            rowsWritten += batch.rowCount();
                            space.afterBatch(tmp, rowsWritten);
                            progress.advance(batch.rowCount());
                            while (pending.size() > DIGESTS_BEHIND) {
                                DaemonPool.await(pending.poll(), "computing the digests");
                            }
                        }
                    }
                    while (!pending.isEmpty()) {
                        DaemonPool.await(pending.poll(), "computing the digests");
                    }
                    sha[0] = exporter.appendsOnly() ? file.finish() : Sha256.file(tmp);
                }
                DaemonPool.await(ready, "getting lineage ready");
            });
        }
        progress.finish();
        return new Artifact("output", out, sha[0], content.finish(), content.rows());
    }
}
