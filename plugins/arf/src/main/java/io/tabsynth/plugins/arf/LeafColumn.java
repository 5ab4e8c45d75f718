package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;

/** One column's distribution within one leaf: the leaf's columns are drawn independently of each other. */
interface LeafColumn {
    /** One value (a category's code, or a number with NaN for missing). */
    double draw(Rng rng);

    /** The probability (for numbers inside the leaf's bounds: the share of the part) of drawing this value. */
    double chance(double value);

    ObjectNode toJson();
}
