package io.tabsynth.spi.data;

import java.nio.file.Path;

/**
 * Where a frame was read from, as much as a plugin needs to know: the file (to name it in a message or a drafted
 * spec). The engine's reader attaches its own record of the file (its digests, rows and metadata file, which lineage
 * names as an input) behind this interface; a frame made or changed in memory has none.
 */
public interface Source {
    /** The data file. */
    Path file();
}
