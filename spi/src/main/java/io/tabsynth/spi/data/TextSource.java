package io.tabsynth.spi.data;

import io.tabsynth.spi.random.Rng;

/** Makes new texts for a column, one per call, none of them copied from real rows. */
public interface TextSource {
    /** A new text ("" for a missing one), from {@code rng}. */
    String text(Rng rng);
}
