package io.tabsynth.engine.data;

import java.nio.file.Path;

/**
 * Where a frame was read from, for lineage: the file and its digests, and the metadata file used.
 *
 * @param file           the data file
 * @param sha256         digest of its bytes
 * @param contentSha256  digest of its data in canonical Arrow form
 * @param rows           rows read
 * @param metadata       the metadata file, or {@code null}
 * @param metadataSha256 its digest, or {@code null}
 */
public record Source(Path file, String sha256, String contentSha256, long rows, Path metadata, String metadataSha256) {
}
