package io.tabsynth.engine.run;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.run.ModelInfo.ConstraintLanguageId;
import io.tabsynth.spi.Constraints;
import java.nio.file.Path;

/**
 * Constraints read from a file, with the file's identity for lineage. Made by {@link Engine#constraints(Path)}.
 *
 * @param file        the constraints file
 * @param artifact    the file as lineage records it
 * @param constraints what it says
 * @param language    the constraint language that read it, and its plugin
 */
public record ConstraintFile(Path file, Artifact artifact, Constraints constraints, ConstraintLanguageId language) {
}
