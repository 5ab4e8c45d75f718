package com.example.tabsynth;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;

/** The conformance kit runs determinism, schema, nulls, save/load, lineage and error checks. */
class IndependentColumnsTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new IndependentColumns();
    }
}
