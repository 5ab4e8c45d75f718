package io.tabsynth.spi;

import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import java.util.Map;

/**
 * What a generator is given besides the data and parameters when fitting.
 *
 * @param seed     the seed every random choice of the fit flows from
 * @param threads  how many threads the fit may use
 * @param progress where to report progress
 * @param files    where to hand the files the fit makes besides its model (checkpoints), which the engine writes
 *                 and records
 * @param declaredDomains the domains the metadata file declares public, by column name ({@link DeclaredDomain}):
 *                 differentially private generators use them instead of spending budget; others may ignore them
 * @param minCount the rare-value rule's k ({@link RareValues}): the engine replaced every category value fewer real
 *                 rows hold before the fit; a generator that keeps groups of real rows (the leaves of a forest) keeps
 *                 each group at least this large. A differentially private fit, which runs no such rule, may ignore it
 */
public record FitContext(long seed, int threads, Progress progress, FitFiles files,
                         Map<String, DeclaredDomain> declaredDomains, int minCount) {
    public FitContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1");
        }
        files = files == null ? FitFiles.UNRECORDED : files;
        declaredDomains = declaredDomains == null ? Map.of() : Map.copyOf(declaredDomains);
    }

    /** A context with the rare-value rule's default k ({@link RareValues#DEFAULT_MIN_COUNT}). */
    public FitContext(long seed, int threads, Progress progress, FitFiles files,
                      Map<String, DeclaredDomain> declaredDomains) {
        this(seed, threads, progress, files, declaredDomains, RareValues.DEFAULT_MIN_COUNT);
    }

    /** A context with no domains declared public. */
    public FitContext(long seed, int threads, Progress progress, FitFiles files) {
        this(seed, threads, progress, files, Map.of());
    }

    /** A context whose files are written without being recorded ({@link FitFiles#UNRECORDED}). */
    public FitContext(long seed, int threads, Progress progress) {
        this(seed, threads, progress, FitFiles.UNRECORDED);
    }

    /** A context with the given seed, all processors, no progress reporting and files not recorded. */
    public static FitContext of(long seed) {
        return new FitContext(seed, Runtime.getRuntime().availableProcessors(), Progress.NONE);
    }
}
