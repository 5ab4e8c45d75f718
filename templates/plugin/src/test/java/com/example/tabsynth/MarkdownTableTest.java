package com.example.tabsynth;

import io.tabsynth.spi.Exporter;
import io.tabsynth.testkit.ExporterContract;

/** The exporter conformance kit (Markdown is written, not read back). */
class MarkdownTableTest extends ExporterContract {
    @Override
    protected Exporter exporter() {
        return new MarkdownTable();
    }
}
