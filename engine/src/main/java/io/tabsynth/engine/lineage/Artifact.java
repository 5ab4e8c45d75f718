package io.tabsynth.engine.lineage;

import io.tabsynth.engine.io.Sha256;
import io.tabsynth.engine.data.ContentDigest;
import io.tabsynth.engine.data.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file a step read or wrote, as lineage names it.
 *
 * @param role          what it is to the step: {@code real data}, {@code holdout}, {@code model}, {@code metadata},
 *                      {@code policy}, {@code report}, {@code output}
 * @param path          the file
 * @param sha256        digest of the file's bytes
 * @param contentSha256 digest of the data in canonical Arrow form ({@link ContentDigest}), or {@code null}
 * @param rows          rows of data, or -1 when not data
 */
public record Artifact(String role, Path path, String sha256, String contentSha256, long rows) {
    /** The role of a model file: made by a fit, read by a sample. */
    public static final String MODEL_ROLE = "model";
    /** The role of the data a model was fitted to. */
    public static final String REAL_DATA_ROLE = "real data";
    /** The role of the metadata file read with data. */
    public static final String METADATA_ROLE = "metadata";
    /** The rows of something that is not data. */
    public static final long NOT_DATA = -1;

    /** A file identified by its bytes only. */
    public static Artifact file(String role, Path path) {
        return new Artifact(role, path, Sha256.file(path), null, NOT_DATA);
    }

    /** The data file a frame was read from, in the given role, with its digests and rows. */
    public static Artifact data(String role, Source source) {
        return new Artifact(role, source.file(), source.sha256(), source.contentSha256(), source.rows());
    }

    /**
     * The files a frame was read from, as a step's inputs: the data file in the given role, then the metadata file
     * if one was used; empty for a frame that was not read from a file ({@code null}).
     */
    public static List<Artifact> read(String role, Source source) {
        if (source == null) {
            return List.of();
        }
        List<Artifact> out = new ArrayList<>();
        out.add(data(role, source));
        if (source.metadata() != null) {
            out.add(new Artifact(METADATA_ROLE, source.metadata(), source.metadataSha256(), null, NOT_DATA));
        }
        return out;
    }

    /** This file in another role (a subject read back, named as the input it now is). */
    public Artifact as(String newRole) {
        return new Artifact(newRole, path, sha256, contentSha256, rows);
    }
}
