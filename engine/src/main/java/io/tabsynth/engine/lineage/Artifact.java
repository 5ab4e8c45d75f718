package io.tabsynth.engine.lineage;

import io.tabsynth.engine.io.Sha256;
import java.nio.file.Path;

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

    /** A file identified by its bytes only. */
    public static Artifact file(String role, Path path) {
        return new Artifact(role, path, Sha256.file(path), null, -1);
    }
}
