package io.tabsynth.engine.lineage;

import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Source;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file a step read or wrote, as lineage names it. The engine's reader also gives each frame it reads the artifact
 * of its file ({@link #of(Frame)}), with the metadata file read with it, so the frame's provenance travels with it.
 *
 * @param role          what it is to the step: {@code real data}, {@code holdout}, {@code model}, {@code metadata},
 *                      {@code policy}, {@code report}, {@code output}
 * @param path          the file
 * @param sha256        digest of the file's bytes
 * @param contentSha256 digest of the data in canonical Arrow form ({@link ContentDigest}), or {@code null}
 * @param rows          rows of data, or -1 when not data
 * @param metadata      the metadata file read with this data file, or {@code null}; a step names it as an input of
 *                      its own ({@link #read}), never inside this one
 */
public record Artifact(String role, Path path, String sha256, String contentSha256, long rows, Artifact metadata)
        implements Source {
    /** The role of a model file: made by a fit, read by a sample. */
    public static final String MODEL_ROLE = "model";
    /** The role of the data a model was fitted to. */
    public static final String REAL_DATA_ROLE = "real data";
    /** The role of the metadata file read with data. */
    public static final String METADATA_ROLE = "metadata";
    /** The roles of the documents a step is done under, signed by people rather than made by a step: a charter, a plan. */
    public static final List<String> GOVERNANCE_ROLES = List.of("charter", "plan");
    /** The rows of something that is not data. */
    public static final long NOT_DATA = -1;

    /** A file with no metadata file beside it. */
    public Artifact(String role, Path path, String sha256, String contentSha256, long rows) {
        this(role, path, sha256, contentSha256, rows, null);
    }

    /** A file identified by its bytes only. */
    public static Artifact file(String role, Path path) {
        return new Artifact(role, path, Sha256.file(path), null, NOT_DATA);
    }

    /** A data file as the engine read it, with its digests and rows, and the metadata file read with it, if any. */
    public static Artifact dataRead(Path file, String sha256, String contentSha256, long rows, Path metadata,
                                    String metadataSha256) {
        return new Artifact(REAL_DATA_ROLE, file, sha256, contentSha256, rows,
                metadata == null ? null : new Artifact(METADATA_ROLE, metadata, metadataSha256, null, NOT_DATA));
    }

    /** The file the engine read a frame from, or {@code null} for a frame made or changed in memory. */
    public static Artifact of(Frame frame) {
        return frame.source() instanceof Artifact read ? read : null;
    }

    /**
     * The files data was read from, as a step's inputs: the data file ({@link #of(Frame)}) in the given role, then the
     * metadata file if one was used; empty for data that was not read from a file ({@code null}).
     */
    public static List<Artifact> read(String role, Artifact source) {
        if (source == null) {
            return List.of();
        }
        List<Artifact> out = new ArrayList<>();
        out.add(new Artifact(role, source.path, source.sha256, source.contentSha256, source.rows));
        if (source.metadata != null) {
            out.add(source.metadata);
        }
        return out;
    }

    /**
     * This file without its row count, for the record of a differentially private fit: the exact number of real rows
     * is a statistic no mechanism paid for, so it stays out of the record.
     */
    public Artifact withoutRows() {
        return new Artifact(role, path, sha256, contentSha256, NOT_DATA, metadata);
    }

    /** This file in another role (a subject read back, named as the input it now is), without its metadata file. */
    public Artifact as(String newRole) {
        return new Artifact(newRole, path, sha256, contentSha256, rows);
    }

    /** The file, as a frame's {@link Source}. */
    @Override
    public Path file() {
        return path;
    }
}
