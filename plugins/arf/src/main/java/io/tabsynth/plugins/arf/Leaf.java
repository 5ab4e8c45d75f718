package io.tabsynth.plugins.arf;

/**
 * One leaf of the forest: how many real rows it covers and each learned column's distribution within it.
 *
 * @param coverage the real rows that reach it (at least the rare-value rule's k)
 * @param columns  per learned column, its distribution in the leaf
 */
record Leaf(int coverage, LeafColumn[] columns) {
}
