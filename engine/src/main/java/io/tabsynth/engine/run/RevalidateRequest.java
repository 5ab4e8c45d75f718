package io.tabsynth.engine.run;

import java.nio.file.Path;

/**
 * What {@code tabsynth revalidate} is asked to do.
 *
 * @param certificate the signed certificate to revalidate
 * @param real        the newer snapshot of the real data
 * @param baseline    the real data the certified dataset was made from (its digest must be the recorded one), or
 *                    {@code null} to check the certificate without measuring drift
 * @param synthetic   the certified dataset, or {@code null} for the file the certificate names, beside it
 * @param charter     a signed charter whose checks replace the certified report's, or {@code null} (the engine's
 *                    lineage context names it in the record, as for every step under a charter)
 * @param metadata    metadata for reading the real snapshots, or {@code null}
 * @param out         where to write the signed revalidation record
 */
public record RevalidateRequest(Path certificate, Path real, Path baseline, Path synthetic, Path charter, Path metadata,
                                Path out) {
}
