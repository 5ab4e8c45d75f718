package io.tabsynth.engine.run;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data files read for a step: each frame remembers its file and digests (bytes and canonical content), and the
 * metadata file read with it, as the {@link Artifact} lineage names it by as an input.
 */
final class DataFiles {
    private final Recorder recorder;

    DataFiles(Recorder recorder) {
        this.recorder = recorder;
    }

    /** Reads a data file (CSV, Arrow IPC, Parquet, JSON Lines) with an optional metadata file. */
    Frame read(Path data, Path metadata) {
        Frame frame = Activity.run("reading " + data,
                () -> FrameReader.read(data, metadata == null ? Metadata.NONE : Metadata.read(metadata)));
        recorder.remember(metadata);
        return sourced(frame, data, metadata);
    }

    /** Reads a data file with the column kinds of {@code like} (e.g. synthetic data read as the real data is). */
    Frame readLike(Path data, Metadata like, Path metadataFile) {
        return sourced(FrameReader.read(data, like), data, metadataFile);
    }

    /**
     * Reads data files with the column kinds of {@code like}, side by side ({@link SideBySide}: each file is one
     * thread's work), in the order given; each is remembered as read in that order.
     */
    List<Frame> readAllLike(List<Path> data, Metadata like, Path metadataFile) {
        List<SideBySide.Piece<Frame>> reads = new ArrayList<>();
        for (Path p : data) {
            reads.add(new SideBySide.Piece<>("reading " + p, () -> described(FrameReader.read(p, like), p, metadataFile)));
        }
        List<Frame> frames = SideBySide.run(reads);
        data.forEach(recorder::remember);
        return frames;
    }

    private Frame sourced(Frame frame, Path data, Path metadata) {
        recorder.remember(data);
        return described(frame, data, metadata);
    }

    /** The frame with its source: the file, its digests and the metadata file's. */
    private static Frame described(Frame frame, Path data, Path metadata) {
        return frame.withSource(Artifact.dataRead(data, Sha256.file(data), ContentDigest.of(frame), frame.rowCount(),
                metadata, metadata == null ? null : Sha256.file(metadata)));
    }

    /** How lineage names a frame's files: the data file as {@code real data}, and its metadata file if any. */
    static List<Artifact> artifacts(Frame frame) {
        return Artifact.read(Artifact.REAL_DATA_ROLE, Artifact.of(frame));
    }

    /**
     * The domains the metadata file read with a frame declares public (empty for a frame read without one or made
     * in memory). The file is read again, and must still be the one the frame was read with.
     */
    static Map<String, DeclaredDomain> declaredDomains(Frame frame) {
        Artifact source = Artifact.of(frame);
        if (source == null || source.metadata() == null) {
            return Map.of();
        }
        Path file = source.metadata().path();
        Metadata metadata = Metadata.read(file);
        if (!Sha256.file(file).equals(source.metadata().sha256())) {
            throw new BadInputException(file + ": the metadata file changed after the data was read with it; read "
                    + "the data again");
        }
        return metadata.domains();
    }

    /** The data's file for messages, or "the data" for a frame that was not read from one. */
    static String named(Frame data) {
        return data.source() == null ? "the data" : data.source().file().toString();
    }
}
